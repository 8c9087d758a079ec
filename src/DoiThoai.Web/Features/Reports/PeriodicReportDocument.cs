using DoiThoai.Web.Features.Documents;
using DoiThoai.Web.Features.Organisation;
using static DoiThoai.Web.Features.Documents.VietnameseText;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// The periodic report (báo cáo kết quả giải quyết ý kiến, kiến nghị) in the Party layout of
/// HD 36-HD/VPTW, landscape so the statistics tables keep all their columns: header with the
/// number "Số …-BC/…", place and date, the overall figures, one section per table, signature block.
/// </summary>
public static class PeriodicReportDocument
{
    /// <summary>The report's .docx, dated today (Vietnam time), its header taken from the report's unit.</summary>
    public static async Task<byte[]> BuildAsync(StatisticsReport report, AppDbContext db, DateOnly today, CancellationToken ct = default)
    {
        var unit = await db.OrgUnits.AsNoTracking().Include(u => u.Kind).Include(u => u.Parent!).ThenInclude(p => p.Kind)
            .SingleAsync(u => u.Id == report.Unit.Id, ct);
        return Build(report, unit, today);
    }

    /// <summary><paramref name="unit"/> with its kind and its parent (and the parent's kind) loaded, for the header.</summary>
    public static byte[] Build(StatisticsReport r, OrgUnit unit, DateOnly today)
    {
        using var doc = new PartyDocument(landscape: true);
        doc.Header(new PartyHeader(SuperiorBody(unit), Upper(unit.Name), NumberLine("BC", unit), PlaceAndDate(Locality(unit), today)));
        doc.Title("Báo cáo", $"kết quả tiếp nhận, giải quyết ý kiến, kiến nghị tại hội nghị tiếp xúc, đối thoại — {LowerFirst(r.PeriodLabel)}");
        doc.Text($"Số liệu từ ngày {ShortDate(r.From)} đến ngày {ShortDate(r.To)}, " +
            (r.IncludeSubUnits ? "gồm các hội nghị của đơn vị và các đơn vị trực thuộc" : "các hội nghị do đơn vị chủ trì") +
            (r.Grouping == UnitGrouping.Successor ? "; số liệu của các đơn vị đã sắp xếp, hợp nhất được tính cho đơn vị kế thừa." : "; số liệu tính theo đơn vị tại thời điểm đó."),
            italic: true);

        var t = r.Totals;
        var section = 0;
        doc.Heading($"{Roman(++section)}. KẾT QUẢ CHUNG");
        doc.Text($"Tiếp nhận {Number(t.Received)} ý kiến, kiến nghị; trả lời trực tiếp tại hội nghị {Number(t.AnsweredAtSession)}; giao các cơ quan, đơn vị xử lý {Number(t.Assigned)}.");
        doc.Text($"Đã trả lời {Number(t.Answered)} ý kiến, kiến nghị, trong đó: đã giải quyết {Number(t.Resolved)}; giải trình, làm rõ {Number(t.Explained)}; " +
            $"có lộ trình giải quyết {Number(t.Scheduled)}; chưa thể giải quyết {Number(t.CannotResolveNow)}.");
        doc.Text($"Trả lời đúng hạn {Number(t.AnsweredOnTime)}, quá hạn {Number(t.AnsweredLate)}; còn {Number(t.Overdue)} ý kiến quá hạn chưa trả lời. " +
            $"Tỷ lệ đúng hạn: {Percent(t.OnTimePercent)}. Thời gian trả lời trung bình: " +
            (r.AverageWorkingDaysToAnswer is { } days ? $"{days.ToString("N1", Culture)} ngày làm việc." : "chưa có ý kiến được trả lời."));

        foreach (var (title, first, rows) in StatisticsWorkbook.Tables(r))
        {
            doc.Heading($"{Roman(++section)}. {Upper(title)}");
            var table = rows.Select(x => (IReadOnlyList<string>)[x.Name, .. StatisticsWorkbook.Values(x.Figures).Select((v, i) => i switch
            {
                StatisticsWorkbook.OnTimePercentColumn => Percent(v),
                StatisticsWorkbook.AverageDaysColumn => v is { } days ? days.ToString("N1", Culture) : "–",
                _ => Number((int)(v ?? 0)),
            })]).ToList();
            if (table.Count == 0) table.Add(["Không có số liệu."]);
            doc.Table([(first, 16), .. StatisticsWorkbook.FigureHeadings.Select(h => (h == StatisticsWorkbook.AverageDaysHeading ? "TB ngày làm việc để trả lời" : h, 7))], table);
        }

        doc.Foot(["Như trên,", "Lưu Văn phòng."], null, new Signature(["T/M Ban Thường vụ"], null));
        return doc.ToArray();
    }

    private static string Percent(double? value) => value is { } v ? v.ToString("N1", Culture) + "%" : "–";

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLower(text[0], Culture) + text[1..];
}
