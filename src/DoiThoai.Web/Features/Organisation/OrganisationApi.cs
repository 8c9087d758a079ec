namespace DoiThoai.Web.Features.Organisation;

public static class OrganisationApi
{
    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api) => api;
}
