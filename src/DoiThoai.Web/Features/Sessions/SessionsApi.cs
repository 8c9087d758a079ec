namespace DoiThoai.Web.Features.Sessions;

public static class SessionsApi
{
    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api) => api;
}
