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
        api.MapGet("/items.xlsx", async (string? sessionId, string? status, string? topicId, string? confidentiality, string? q,
                UserScope scope, TimeProvider clock, HttpContext http) =>
            {
                var filter = new ItemFilter(Number(sessionId, nameof(sessionId)), Choice<ItemStatus>(status, nameof(status)),
                    Number(topicId, nameof(topicId)), Choice<Confidentiality>(confidentiality, nameof(confidentiality)), q);
                var items = filter.Apply(await scope.ItemsAsync());
                return await SendAsync(http, ItemFilter.Ordered(items), await scope.ItemCallerAsync(), ItemSheet.FileName(clock.GetUtcNow().UtcDateTime));
            })
            .WithTags("Items").Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .WithSummary("Danh sách ý kiến người gọi được xem dưới dạng .xlsx, với các bộ lọc của trang danh sách (sessionId, status, topicId, confidentiality, q).");
        api.MapGet("/sessions/{id:int}/documents/items.xlsx", async (int id, SessionWorkflow sessions, UserScope scope, HttpContext http) =>
            {
                var session = await sessions.FindVisibleAsync(id);
                var items = (await scope.ItemsAsync()).Where(i => i.SessionId == id).OrderBy(i => i.Number);
                return await SendAsync(http, items, await scope.ItemCallerAsync(), SessionFileName(session));
            })
            .WithTags("Documents").Produces(StatusCodes.Status200OK, contentType: XlsxWriter.ContentType)
            .WithSummary("Các ý kiến của hội nghị mà người gọi được xem, dưới dạng .xlsx.");
        return api;
    }

    // Filters are read by hand so that a bad value is refused with a Vietnamese message (400 problem).
    private static int? Number(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? null
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new DomainValidationException(name, $"{name} phải là một số nguyên dương.");

    private static T? Choice<T>(string? value, string name) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(value.Trim()[0]) ? parsed
        : throw new DomainValidationException(name, $"{name} phải là một trong: {string.Join(", ", Enum.GetNames<T>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");

    /// <summary>"Ý kiến, kiến nghị hội nghị 08-09-2017.xlsx".</summary>
    public static string SessionFileName(DialogueSession session) =>
        $"Ý kiến, kiến nghị hội nghị {VietnamTime.DateOf(session.StartsAtUtc).ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture)}.xlsx";

    private static async Task<IResult> SendAsync(HttpContext http, IQueryable<Item> orderedItems, ItemCaller reader, string fileName)
    {
        var file = await ItemSheet.BuildAsync(orderedItems, reader, http.RequestAborted);
        DocumentFile.WriteHeaders(http.Response, fileName);
        return TypedResults.File(file, XlsxWriter.ContentType);
    }
}
