using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Spreadsheets;
using Microsoft.AspNetCore.Http.Features;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// GET /api/v1/opendata/items.csv: the public items exactly as the transparency page shows them
/// (<see cref="PublicRecords"/>), as CSV for anyone, without signing in. No personal data: no
/// speaker, no person or account id, no creator, no name of who answered. The columns and codes
/// are a published contract (docs/opendata.md, ADR 0016): add columns at the end, never rename.
/// Rows are streamed from the database to the response, so the file's size costs no memory.
/// </summary>
public static class OpenDataApi
{
    /// <summary>The header line, in this order; docs/opendata.md describes each column.</summary>
    public static readonly IReadOnlyList<string> Columns =
    [
        "item_id", "session_id", "session_date", "session_title", "item_number", "kind", "stage", "topic", "topic_en",
        "unit", "text", "status", "outcome", "answer", "published_on", "lead_unit",
    ];

    public static RouteGroupBuilder MapOpenDataApi(this RouteGroupBuilder api)
    {
        api.MapGet("/opendata/items.csv", (string? bom, HttpContext http, AppDbContext db) =>
            {
                var withBom = bom?.Trim().ToLowerInvariant() switch
                {
                    null or "" or "false" or "0" => false,
                    "true" or "1" => true,
                    _ => throw new DomainValidationException("bom", "bom phải là true hoặc false."),
                };
                http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
                http.Response.Headers.CacheControl = "public, max-age=300";
                return TypedResults.Stream(stream => WriteAsync(stream, db, withBom, http.RequestAborted),
                    "text/csv; charset=utf-8; header=present", "doithoai-items.csv");
            })
            .AllowAnonymous().WithTags("Open data")
            .WithSummary("Dữ liệu mở: các ý kiến công khai (như trang minh bạch), CSV UTF-8 theo RFC 4180, không có dữ liệu cá nhân; mô tả cột ở docs/opendata.md. bom=true thêm BOM cho Excel.");
        return api;
    }

    private static async Task WriteAsync(Stream stream, AppDbContext db, bool bom, CancellationToken cancellationToken)
    {
        await using var csv = new CsvWriter(stream, bom);
        await csv.WriteRowAsync(Columns);
        var rows = PublicRecords.Items(db).AsNoTracking().OrderBy(i => i.Id).Select(i => new
        {
            i.Id, i.SessionId, i.Session!.StartsAtUtc, SessionTitle = i.Session.Title, i.Number, i.Kind, i.Stage,
            Topic = i.Topic != null ? i.Topic.Name : null, TopicEn = i.Topic != null ? i.Topic.NameEn : null,
            Unit = i.OnBehalfOfUnit != null ? i.OnBehalfOfUnit.Name : null,
            i.Text, i.Status, i.Outcome, i.Answer, i.PublishedAtUtc,
            Lead = i.Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).Select(a => a.LeadUnit!.Name).FirstOrDefault(),
        }).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            var answer = PublicRecords.PublicAnswer(r.Status, r.PublishedAtUtc, r.Answer);
            await csv.WriteRowAsync(
            [
                Number(r.Id), Number(r.SessionId), Date(VietnamTime.DateOf(r.StartsAtUtc)), r.SessionTitle, Number(r.Number),
                Code(r.Kind), Code(r.Stage), r.Topic, r.TopicEn, r.Unit, r.Text, Code(r.Status),
                answer is null || r.Outcome is not { } outcome ? null : Code(outcome), answer,
                r.PublishedAtUtc is { } published ? Date(VietnamTime.DateOf(published)) : null, r.Lead,
            ]);
        }
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An enum value as a stable snake_case code: AnsweredAtSession → answered_at_session.</summary>
    public static string Code<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var code = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && code.Length > 0) code.Append('_');
            code.Append(char.ToLowerInvariant(c));
        }
        return code.ToString();
    }
}
