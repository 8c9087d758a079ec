using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoiThoai.Web.Features.Spreadsheets;

/// <summary>A column of a sheet: its header and its width in characters.</summary>
public sealed record SheetColumn(string Header, double Width);

/// <summary>
/// Writes one table as an .xlsx workbook: a bold, frozen header row with a filter, the given
/// column widths, text as inline strings (never read as a formula, whatever it starts with),
/// numbers as numbers and dates as real dates shown dd/MM/yyyy. Rows go through the Open XML SDK's
/// streaming writer, so a long list does not build a document tree in memory. Any table (items,
/// statistics) can use it: a list of columns and rows of plain values.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    // Style indexes in the stylesheet below.
    private const uint HeaderStyle = 1, DateStyle = 2, DateTimeStyle = 3, TextStyle = 4;

    /// <summary>
    /// Writes the workbook into <paramref name="output"/> (which must be seekable: the package is a
    /// zip). Values may be string, any integer, decimal/double, bool, DateOnly or DateTime (UTC
    /// times are the caller's to convert), or null for an empty cell.
    /// </summary>
    public static async Task WriteAsync(Stream output, string sheetName, IReadOnlyList<SheetColumn> columns,
        IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken = default)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        var sheet = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(sheet))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
                new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
            { TabSelected = true, WorkbookViewId = 0 }));
            writer.WriteElement(new Columns(columns.Select((c, k) => new Column
            {
                Min = (uint)k + 1, Max = (uint)k + 1, Width = c.Width, CustomWidth = true,
            })));
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, columns.Select(c => (object?)c.Header).ToList(), HeaderStyle);
            var number = 1u;
            await foreach (var row in rows.WithCancellation(cancellationToken))
                WriteRow(writer, ++number, row, null);
            writer.WriteEndElement();
            writer.WriteElement(new AutoFilter { Reference = $"A1:{ColumnName(columns.Count)}{number}" });
            writer.WriteEndElement();
        }
        workbook.Workbook = new Workbook(new Sheets(new Sheet
        {
            Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = SheetName(sheetName),
        }));
        workbook.Workbook.Save();
    }

    /// <summary>Writes the workbook to a temporary file deleted when the returned stream closes, positioned at its start.</summary>
    public static async Task<Stream> WriteToTemporaryFileAsync(string sheetName, IReadOnlyList<SheetColumn> columns,
        IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken = default)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        try
        {
            await WriteAsync(file, sheetName, columns, rows, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    private static void WriteRow(OpenXmlWriter writer, uint number, IReadOnlyList<object?> values, uint? style)
    {
        writer.WriteStartElement(new Row { RowIndex = number });
        for (var k = 0; k < values.Count; k++)
        {
            if (Cell(values[k], style) is { } cell)
            {
                cell.CellReference = ColumnName(k + 1) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                writer.WriteElement(cell);
            }
        }
        writer.WriteEndElement();
    }

    private static Cell? Cell(object? value, uint? style)
    {
        static Cell Number(double n, uint? s) => new() { CellValue = new CellValue(n), StyleIndex = s };
        return value switch
        {
            null => null,
            string text => new Cell
            {
                DataType = CellValues.InlineString, StyleIndex = style ?? TextStyle,
                InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve }),
            },
            bool b => new Cell { DataType = CellValues.Boolean, CellValue = new CellValue(b), StyleIndex = style },
            DateOnly d => Number(d.ToDateTime(TimeOnly.MinValue).ToOADate(), style ?? DateStyle),
            DateTime t => Number(t.ToOADate(), style ?? (t.TimeOfDay == TimeSpan.Zero ? DateStyle : DateTimeStyle)),
            int or long or short or byte or uint => Number(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), style),
            decimal or double or float => Number(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), style),
            _ => Cell(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), style),
        };
    }

    /// <summary>Characters XML 1.0 cannot carry (control characters pasted from old files) are dropped.</summary>
    private static string XmlSafe(string text)
    {
        if (!text.Any(c => c < ' ' && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF')) return text;
        return new string([.. text.Where(c => !(c < ' ' && c is not '\t' and not '\n' and not '\r' || c is '\uFFFE' or '\uFFFF'))]);
    }

    /// <summary>1 → A, 27 → AA.</summary>
    public static string ColumnName(int number)
    {
        var name = "";
        for (; number > 0; number = (number - 1) / 26) name = (char)('A' + (number - 1) % 26) + name;
        return name;
    }

    /// <summary>Excel's rules for a sheet name: at most 31 characters, none of []:*?/\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c) ? ' ' : c)]).Trim();
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(31, clean.Length)];
    }

    private static Stylesheet Styles() => new(
        new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "dd/mm/yyyy hh:mm" }),
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" })),
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())),
        new CellFormats(
            new CellFormat(),
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { FontId = 1, ApplyFont = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 164, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top }) { NumberFormatId = 165, ApplyNumberFormat = true, ApplyAlignment = true },
            new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { ApplyAlignment = true }));
}
