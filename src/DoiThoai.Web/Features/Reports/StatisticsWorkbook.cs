using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// The statistics as an .xlsx workbook, every table on a sheet of its own, written with the Open XML
/// SDK already used for the .docx files (ClosedXML 0.95 needs the 2.x SDK, which the documents
/// cannot go back to). Figures are numbers, not text, so offices can total and chart them in Excel.
/// </summary>
public static class StatisticsWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The column headings of every table after its first column, in the order of <see cref="Values"/>.</summary>
    public static readonly string[] FigureHeadings =
    [
        "Tiếp nhận", "Trả lời tại hội nghị", "Giao xử lý", "Đã trả lời", "Đã giải quyết", "Giải trình", "Có lộ trình",
        "Chưa thể giải quyết", "Trả lời đúng hạn", "Trả lời quá hạn", "Quá hạn chưa trả lời", "Tỷ lệ đúng hạn (%)",
        AverageDaysHeading,
    ];

    public const string AverageDaysHeading = "Thời gian trả lời trung bình (ngày làm việc)";

    /// <summary>The positions in <see cref="Values"/> of the two figures that are not counts.</summary>
    public const int OnTimePercentColumn = 11, AverageDaysColumn = 12;

    public static IReadOnlyList<double?> Values(StatisticsFigures f) =>
    [
        f.Received, f.AnsweredAtSession, f.Assigned, f.Answered, f.Resolved, f.Explained, f.Scheduled,
        f.CannotResolveNow, f.AnsweredOnTime, f.AnsweredLate, f.Overdue, f.OnTimePercent, f.AverageWorkingDaysToAnswer,
    ];

    /// <summary>The tables of a report with their titles and first-column headings, shared with the .docx report.</summary>
    public static IEnumerable<(string Title, string FirstColumn, IEnumerable<(string Name, StatisticsFigures Figures)> Rows)> Tables(StatisticsReport r) =>
    [
        ("Theo tháng", "Tháng", r.ByMonth.Select(m => ($"{m.Month:00}/{m.Year}", m.Figures))),
        ("Theo lĩnh vực", "Lĩnh vực", r.ByTopic.Select(x => (x.Name, x.Figures))),
        ("Theo đơn vị chủ trì", "Đơn vị chủ trì giải quyết", r.ByLeadUnit.Select(x => (x.Name, x.Figures))),
        ("Theo đơn vị nêu ý kiến", "Đơn vị nêu ý kiến", r.ByOriginUnit.Select(x => (x.Name, x.Figures))),
    ];

    public static byte[] Build(StatisticsReport report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var sheets = workbook.Workbook.Sheets!;

            var summary = new List<IReadOnlyList<object?>>
            {
                new object?[] { "Đơn vị", report.Unit.Name },
                new object?[] { "Kỳ báo cáo", report.PeriodLabel },
                new object?[] { "Từ ngày", report.From.ToString("dd/MM/yyyy", VietnameseCulture) },
                new object?[] { "Đến ngày", report.To.ToString("dd/MM/yyyy", VietnameseCulture) },
                new object?[] { "Gồm đơn vị trực thuộc", report.IncludeSubUnits ? "Có" : "Không" },
                new object?[] { "Đơn vị qua sắp xếp", report.Grouping == UnitGrouping.Successor ? "Theo đơn vị kế thừa" : "Theo đơn vị tại thời điểm đó" },
                new object?[] { },
            };
            summary.AddRange(FigureHeadings.Zip(Values(report.Totals), (h, v) => (IReadOnlyList<object?>)new object?[] { h, v }));
            AddSheet(workbook, sheets, "Tổng hợp", summary);

            foreach (var (title, first, rows) in Tables(report))
            {
                var table = new List<IReadOnlyList<object?>>();
                table.Add([first, .. FigureHeadings]);
                table.AddRange(rows.Select(r => (IReadOnlyList<object?>)[r.Name, .. Values(r.Figures).Cast<object?>()]));
                AddSheet(workbook, sheets, title, table);
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static readonly System.Globalization.CultureInfo VietnameseCulture = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, string name, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = ++index };
            for (var c = 0; c < values.Count; c++)
            {
                var reference = Column(c) + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                row.Append(values[c] switch
                {
                    null => new Cell { CellReference = reference },
                    string text => new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) },
                    var number => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture)) },
                });
            }
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static string Column(int index) => index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);
}
