using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>
/// A downloaded .xlsx read back with the Open XML SDK on its own (not the app's reader): the cells
/// as text, the header's style, the frozen pane, column widths, date formats and the validator.
/// And .xlsx files built the way Excel writes them (shared strings, formulas) for uploads.
/// </summary>
internal sealed class XlsxBook
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public required IReadOnlyList<IReadOnlyList<string>> Rows { get; init; }
    public required bool HeaderIsBold { get; init; }
    public required bool HeaderIsFrozen { get; init; }
    public required IReadOnlyList<double> Widths { get; init; }
    /// <summary>Per row and column: the number format code of the cell ("" for none).</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Formats { get; init; }
    public required IReadOnlyList<string> ValidationErrors { get; init; }
    public string FileName { get; init; } = "";

    public IReadOnlyList<string> Header => Rows[0];
    public IEnumerable<IReadOnlyList<string>> Data => Rows.Skip(1);
    public string Cell(IReadOnlyList<string> row, string header) => row[Header.ToList().IndexOf(header)];

    public static async Task<XlsxBook> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var read = Read(bytes);
        return new XlsxBook
        {
            Rows = read.Rows, HeaderIsBold = read.HeaderIsBold, HeaderIsFrozen = read.HeaderIsFrozen, Widths = read.Widths,
            Formats = read.Formats, ValidationErrors = read.ValidationErrors, FileName = response.Content.Headers.ContentDisposition!.FileNameStar ?? "",
        };
    }

    public static XlsxBook Read(byte[] bytes)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook!.Sheets!.Elements<Sheet>().First().Id!.Value!);
        var styles = workbook.WorkbookStylesPart!.Stylesheet!;
        var formats = styles.CellFormats!.Elements<CellFormat>().ToList();
        var fonts = styles.Fonts!.Elements<Font>().ToList();
        var codes = styles.NumberingFormats?.Elements<NumberingFormat>().ToDictionary(n => n.NumberFormatId!.Value, n => n.FormatCode!.Value!) ?? [];
        var shared = workbook.SharedStringTablePart?.SharedStringTable!.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var rows = sheet.Worksheet!.Descendants<Row>().ToList();
        string Text(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)] : c.CellValue?.Text ?? "";
        string Format(Cell c) => c.StyleIndex?.Value is { } s && formats[(int)s].NumberFormatId?.Value is { } id && codes.TryGetValue(id, out var code) ? code : "";
        var headerCells = rows[0].Elements<Cell>().ToList();
        var pane = sheet.Worksheet.Descendants<Pane>().SingleOrDefault();
        return new XlsxBook
        {
            Rows = rows.Select(r => ByColumn(r, Text)).ToList(),
            Formats = rows.Select(r => ByColumn(r, Format)).ToList(),
            HeaderIsBold = headerCells.All(c => fonts[(int)formats[(int)c.StyleIndex!.Value].FontId!.Value].Bold is not null),
            HeaderIsFrozen = pane is { State.Value: var state, VerticalSplit.Value: 1 } && state == PaneStateValues.Frozen,
            Widths = sheet.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList(),
            ValidationErrors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList(),
        };
    }

    /// <summary>The row's cells placed by their reference (an empty cell is not written at all), "" where there is none.</summary>
    private static IReadOnlyList<string> ByColumn(Row row, Func<Cell, string> value)
    {
        var cells = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference!.Value!.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;
            while (cells.Count < column) cells.Add("");
            cells.Add(value(cell));
        }
        return cells;
    }

    /// <summary>
    /// An .xlsx as Excel saves it: text in the shared string table, numbers as numbers, and a value
    /// starting with "=" written as a formula (with a cached result) rather than as text.
    /// </summary>
    public static byte[] Xlsx(params string[][] rows)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var strings = workbook.AddNewPart<SharedStringTablePart>();
            strings.SharedStringTable = new SharedStringTable();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)r + 1 };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var value = rows[r][c];
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (value.StartsWith('='))
                        row.Append(new Cell { CellReference = reference, CellFormula = new CellFormula(value[1..]), CellValue = new CellValue("0") });
                    else
                    {
                        strings.SharedStringTable.Append(new SharedStringItem(new DocumentFormat.OpenXml.Spreadsheet.Text(value)));
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue(strings.SharedStringTable.Count() - 1) });
                    }
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Trang tính1" }));
        }
        return buffer.ToArray();
    }
}
