using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Documents;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Spreadsheets;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// GET /api/v1/items.xlsx (the list endpoint's reader scope with the list page's filters) and
/// GET /api/v1/sessions/{id}/documents/items.xlsx (a session's items, with the session page's
/// read rules: 404 for a session the caller may not open).
/// </summary>
public static class ItemSheetApi
{
    public static RouteGroupBuilder MapItemSheetApi(this RouteGroupBuilder api)
    {
        api.MapGet("/items.xlsx", async (int? sessionId, ItemStatus? status, int? topicId, Confidentiality? confidentiality, string? q,
                UserScope scope, TimeProvider clock, HttpContext http) =>
            {
                var items = new ItemFilter(sessionId, status, topicId, confidentiality, q).Apply(await scope.ItemsAsync());
                return await SendAsync(http, ItemFilter.Ordered(items), ItemSheet.FileName(clock.GetUtcNow().UtcDateTime));
            })
            .WithTags("Items").Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .WithSummary("Danh sách ý kiến người gọi được xem dưới dạng .xlsx, với các bộ lọc của trang danh sách (sessionId, status, topicId, confidentiality, q).");
        api.MapGet("/sessions/{id:int}/documents/items.xlsx", async (int id, SessionWorkflow sessions, UserScope scope, HttpContext http) =>
            {
                var session = await sessions.FindVisibleAsync(id);
                var items = (await scope.ItemsAsync()).Where(i => i.SessionId == id).OrderBy(i => i.Number);
                return await SendAsync(http, items, SessionFileName(session));
            })
            .WithTags("Documents").Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .WithSummary("Các ý kiến của hội nghị mà người gọi được xem, dưới dạng .xlsx.");
        return api;
    }

    /// <summary>"Ý kiến, kiến nghị hội nghị 08-09-2017.xlsx".</summary>
    public static string SessionFileName(DialogueSession session) =>
        $"Ý kiến, kiến nghị hội nghị {VietnamTime.DateOf(session.StartsAtUtc).ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)}.xlsx";

    private static async Task<IResult> SendAsync(HttpContext http, IQueryable<Item> orderedItems, string fileName)
    {
        var file = await ItemSheet.BuildAsync(orderedItems, http.RequestAborted);
        DocumentFile.WriteHeaders(http.Response, fileName);
        return TypedResults.File(file, XlsxWriter.ContentType);
    }
}
