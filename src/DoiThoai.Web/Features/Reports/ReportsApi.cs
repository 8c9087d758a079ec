using DoiThoai.Web.Features.Documents;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// GET /api/v1/reports/statistics (JSON), statistics.xlsx (every table a sheet) and statistics.docx
/// (the periodic report): the same figures and the same checks as /Reports/Statistics.
/// </summary>
public static class ReportsApi
{
    private const string Parameters = "unitId (bắt buộc), includeSubUnits, grouping (successor: theo đơn vị kế thừa | historical: theo đơn vị lúc đó), "
        + "kỳ: from/to (yyyy-MM-dd), hoặc termId, hoặc preset (month, quarter, halfYear, nineMonths, year) với year và number (tháng hoặc quý).";

    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/statistics", async (HttpRequest request, Statistics statistics, CancellationToken ct) =>
                TypedResults.Ok(await statistics.ComputeAsync(Query(request), ct)))
            .WithSummary("Thống kê ý kiến, kiến nghị của một đơn vị trong một kỳ. " + Parameters);
        reports.MapGet("/statistics.xlsx", async (HttpRequest request, Statistics statistics, CancellationToken ct) =>
            {
                var report = await statistics.ComputeAsync(Query(request), ct);
                return Send(request.HttpContext.Response, new DocumentFile(StatisticsWorkbook.Build(report), FileName("Thống kê ý kiến, kiến nghị", report, "xlsx")),
                    StatisticsWorkbook.ContentType);
            })
            .Produces(StatusCodes.Status200OK, contentType: StatisticsWorkbook.ContentType)
            .WithSummary("Các bảng thống kê (.xlsx), mỗi bảng một trang tính. " + Parameters);
        reports.MapGet("/statistics.docx", async (HttpRequest request, Statistics statistics, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var report = await statistics.ComputeAsync(Query(request), ct);
                var content = await PeriodicReportDocument.BuildAsync(report, db, VietnamTime.Today(clock.GetUtcNow().UtcDateTime), ct);
                return Send(request.HttpContext.Response, new DocumentFile(content, FileName("Báo cáo kết quả giải quyết ý kiến, kiến nghị", report, "docx")),
                    DocumentFile.ContentType);
            })
            .Produces(StatusCodes.Status200OK, contentType: DocumentFile.ContentType)
            .WithSummary("Báo cáo kết quả giải quyết ý kiến, kiến nghị (.docx, thể thức văn bản của Đảng) với các bảng thống kê. " + Parameters);
        return api;
    }

    public static string FileName(string title, StatisticsReport report, string extension) =>
        $"{title} {report.From:dd-MM-yyyy} đến {report.To:dd-MM-yyyy}.{extension}";

    private static IResult Send(HttpResponse response, DocumentFile file, string contentType)
    {
        file.WriteHeaders(response);
        return TypedResults.File(file.Content, contentType);
    }

    /// <summary>The query string read by hand, so a malformed value gets a Vietnamese 400 naming the parameter.</summary>
    public static StatisticsQuery Query(HttpRequest request)
    {
        var q = request.Query;
        string? Text(string name) => q.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
        int? Number(string name) => Text(name) is not { } text ? null
            : int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
            : throw new DomainValidationException(name, $"{name} phải là số nguyên.");
        var includeSubUnits = Text("includeSubUnits") switch
        {
            null or "false" or "0" or "off" => false,
            "true" or "1" or "on" => true,
            _ => throw new DomainValidationException("includeSubUnits", "includeSubUnits phải là true hoặc false."),
        };
        var grouping = Text("grouping") switch
        {
            null => UnitGrouping.Successor,
            var g when Enum.TryParse<UnitGrouping>(g, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) => parsed,
            _ => throw new DomainValidationException("grouping", "grouping phải là successor (theo đơn vị kế thừa) hoặc historical (theo đơn vị lúc đó)."),
        };
        return new StatisticsQuery(Number("unitId"), includeSubUnits, grouping,
            new StatisticsPeriod.Request(Text("preset"), Number("year"), Number("number"), Number("termId"), Text("from"), Text("to")));
    }
}
