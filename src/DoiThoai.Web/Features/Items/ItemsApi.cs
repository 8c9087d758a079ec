namespace DoiThoai.Web.Features.Items;

public static class ItemsApi
{
    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api) => api;
}
