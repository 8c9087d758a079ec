using System.Globalization;
using DoiThoai.Web.Features.Spreadsheets;
using Microsoft.AspNetCore.WebUtilities;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// A list of items as an .xlsx sheet: the items list page's download, the API's items.xlsx and a
/// session's items.xlsx, and `export-items`. The caller gives the items already narrowed to what
/// the reader may read (UserScope) and ordered; this only projects and writes them. The answer is
/// not in the sheet: who may see it depends on each item's work, which the item pages decide.
/// </summary>
public static class ItemSheet
{
    public static readonly IReadOnlyList<SheetColumn> Columns =
    [
        new("Hội nghị", 40), new("Ngày hội nghị", 13), new("Số", 6), new("Loại", 12), new("Thời điểm nêu", 15),
        new("Người nêu", 28), new("Đơn vị", 28), new("Lĩnh vực", 24), new("Nội dung", 80), new("Trạng thái", 18),
        new("Mức độ mật", 12), new("Đơn vị chủ trì giải quyết", 28), new("Hạn xử lý", 12),
    ];

    /// <summary>
    /// The rows of the sheet, read from the database as they are written. Who raised an item is shown
    /// only where <paramref name="reader"/> may see it (ADR 0021); the operator's export (no reader) keeps it.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<object?>> Rows(IQueryable<Item> orderedItems, ItemCaller? reader = null)
    {
        var rows = orderedItems.AsNoTracking().Select(i => new
        {
            Session = i.Session!.Title, i.Session.StartsAtUtc, i.Number, i.Kind, i.Stage,
            Speaker = i.RaisedByPerson != null ? i.RaisedByPerson.FullName : i.SpeakerName,
            i.Session.HostUnitId, i.RaisedByPersonId,
            Unit = i.OnBehalfOfUnit != null ? i.OnBehalfOfUnit.Name : null,
            Topic = i.Topic != null ? i.Topic.Name : null,
            i.Text, i.Status, i.Confidentiality,
            Lead = i.Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).Select(a => a.LeadUnit!.Name).FirstOrDefault(),
            DueOn = i.Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).Select(a => (DateOnly?)a.DueOn).FirstOrDefault(),
        }).AsAsyncEnumerable();
        await foreach (var r in rows)
        {
            yield return
            [
                r.Session, VietnamTime.DateOf(r.StartsAtUtc), r.Number, ItemLabels.Of(r.Kind), ItemLabels.Of(r.Stage),
                reader is null || reader.MaySeeSpeaker(r.HostUnitId, r.RaisedByPersonId) ? r.Speaker : null, r.Unit, r.Topic, r.Text, ItemLabels.Of(r.Status), ItemLabels.Of(r.Confidentiality), r.Lead, r.DueOn,
            ];
        }
    }

    /// <summary>The workbook in a temporary file, deleted once the returned stream is closed.</summary>
    public static Task<Stream> BuildAsync(IQueryable<Item> orderedItems, ItemCaller reader, CancellationToken cancellationToken = default) =>
        XlsxWriter.WriteToTemporaryFileAsync("Ý kiến, kiến nghị", Columns, Rows(orderedItems, reader), cancellationToken);

    /// <summary>"Danh sách ý kiến, kiến nghị 27-11-2026.xlsx".</summary>
    public static string FileName(DateTime nowUtc, string? about = null) =>
        $"Danh sách ý kiến, kiến nghị{(about is null ? "" : " " + about)} {VietnamTime.DateOf(nowUtc).ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}.xlsx";

    /// <summary>The address of the download with the list's filters.</summary>
    public static string Url(string path, ItemFilter filter)
    {
        var query = new Dictionary<string, string?>
        {
            ["sessionId"] = filter.SessionId?.ToString(CultureInfo.InvariantCulture),
            ["status"] = filter.Status?.ToString(),
            ["topicId"] = filter.TopicId?.ToString(CultureInfo.InvariantCulture),
            ["confidentiality"] = filter.Confidentiality?.ToString(),
            ["q"] = string.IsNullOrWhiteSpace(filter.Q) ? null : filter.Q.Trim(),
        };
        return QueryHelpers.AddQueryString(path, query.Where(p => p.Value is not null));
    }
}
