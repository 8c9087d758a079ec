using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DoiThoai.Web.Features.Spreadsheets;

/// <summary>A row of a sheet as text: its number in the file (1 is the header), its cells, and what is wrong with it if anything.</summary>
public sealed record SheetRow(int Number, IReadOnlyList<string> Cells, string? Problem = null);

/// <summary>How a CSV file's bytes are read: UTF-8 (the default, refused if the bytes are not) or Windows-1258 (Vietnamese ANSI).</summary>
public enum CsvEncoding { Utf8, Windows1258 }

/// <summary>
/// Reads the first sheet of an .xlsx file or a CSV file into rows of text, for imports. Both give
/// the same rows, so one parser checks them. File-level problems (not a spreadsheet, not UTF-8,
/// too many rows) are <see cref="DomainValidationException"/>s with a Vietnamese message; a formula
/// is a problem of its row, since its value is whatever the last program that opened the file
/// computed. Reading stops after <c>maxRows</c> data rows, so a file that unpacks to millions of
/// rows costs no more than the limit.
/// </summary>
public static class SheetReader
{
    static SheetReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Characters any one part of an .xlsx may hold: 20,000 rows of long texts fit, a zip bomb does not.</summary>
    public const long MaxCharactersInPart = 64_000_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsXlsx(string fileName) => fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);
    public static bool IsCsv(string fileName) => fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the file by its extension (.xlsx or .csv).</summary>
    public static List<SheetRow> Read(Stream content, string fileName, int maxRows, CsvEncoding encoding = CsvEncoding.Utf8)
    {
        if (IsXlsx(fileName)) return ReadXlsx(content, maxRows);
        if (IsCsv(fileName)) return ReadCsv(content, maxRows, encoding);
        throw new DomainValidationException("file", "Chỉ nhận tệp .xlsx (Excel) hoặc .csv.");
    }

    public static List<SheetRow> ReadXlsx(Stream content, int maxRows)
    {
        try
        {
            // A small upload can unpack to gigabytes of XML (a zip bomb): no part may exceed this.
            using var document = SpreadsheetDocument.Open(content, isEditable: false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart;
            var first = workbook?.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbook is null || first?.Id?.Value is not { } partId || workbook.GetPartById(partId) is not WorksheetPart sheet)
                throw new DomainValidationException("file", "Tệp Excel không có trang tính nào.");
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
            var rows = new List<SheetRow>();
            using var reader = OpenXmlReader.Create(sheet);
            var nextRow = 1;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
                var row = (Row)reader.LoadCurrentElement()!;
                var number = row.RowIndex?.Value is { } index ? (int)index : nextRow;
                nextRow = number + 1;
                var (cells, problem) = CellsOf(row, shared);
                if (cells.All(string.IsNullOrWhiteSpace) && problem is null) continue;
                if (rows.Count > maxRows) throw TooManyRows(maxRows);
                rows.Add(new SheetRow(number, cells, problem));
            }
            return rows;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException
                                      or ArgumentException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new DomainValidationException("file", "Tệp không phải bảng tính Excel .xlsx hợp lệ, hoặc quá lớn khi giải nén.");
        }
    }

    private static (List<string> Cells, string? Problem) CellsOf(Row row, List<string> shared)
    {
        var cells = new List<string>();
        string? problem = null;
        foreach (var cell in row.Elements<Cell>())
        {
            var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            if (column < 0 || column > 200) continue;
            while (cells.Count < column) cells.Add("");
            if (cell.CellFormula is not null)
                problem ??= $"ô {cell.CellReference?.Value ?? XlsxWriter.ColumnName(column + 1)} chứa công thức; hãy dán giá trị thay cho công thức";
            var raw = cell.CellValue?.Text ?? "";
            var text = cell.DataType?.Value switch
            {
                var t when t == CellValues.SharedString => int.TryParse(raw, out var k) && k >= 0 && k < shared.Count ? shared[k] : "",
                var t when t == CellValues.InlineString => cell.InlineString?.InnerText ?? "",
                var t when t == CellValues.Boolean => raw == "1" ? "TRUE" : "FALSE",
                _ => raw,
            };
            cells.Add(text.Trim());
        }
        return (cells, problem);
    }

    /// <summary>"C12" → 2.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (c is < 'A' or > 'Z') break;
            index = index * 26 + (c - 'A' + 1);
        }
        return index - 1;
    }

    public static List<SheetRow> ReadCsv(Stream content, int maxRows, CsvEncoding encoding)
    {
        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        string text;
        if (bytes.StartsWith("\uFEFF"u8)) text = Encoding.UTF8.GetString(bytes[3..]);
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) text = Encoding.Unicode.GetString(bytes[2..]);
        else if (encoding == CsvEncoding.Windows1258) text = Encoding.GetEncoding(1258).GetString(bytes);
        else
        {
            try
            {
                text = StrictUtf8.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                throw new DomainValidationException("file",
                    "Tệp CSV không phải mã hóa UTF-8 (có thể đã lưu dạng ANSI/Windows-1258). Hãy lưu lại bằng “CSV UTF-8” trong Excel, hoặc chọn mã hóa Windows-1258 rồi tải lên lại.");
            }
        }
        return ParseCsv(text.Normalize(NormalizationForm.FormC), maxRows);
    }

    /// <summary>
    /// RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes). The separator is the one
    /// the header line uses most of comma, semicolon and tab: Excel writes a semicolon where the
    /// list separator of the system is one.
    /// </summary>
    public static List<SheetRow> ParseCsv(string text, int maxRows)
    {
        var headerEnd = text.IndexOfAny(['\r', '\n']);
        var header = headerEnd < 0 ? text : text[..headerEnd];
        var separator = new[] { ',', ';', '\t' }.MaxBy(s => header.Count(c => c == s));

        var rows = new List<SheetRow>();
        var cells = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var rowStart = 1;
        var quoted = false;
        for (var k = 0; k <= text.Length; k++)
        {
            var c = k < text.Length ? text[k] : '\n';
            if (quoted)
            {
                if (c == '"' && k + 1 < text.Length && text[k + 1] == '"') { field.Append('"'); k++; }
                else if (c == '"') quoted = false;
                else if (c == '\r' && k + 1 < text.Length && text[k + 1] == '\n') { } // a line break in a field is kept as \n
                else
                {
                    if (c == '\n') line++;
                    if (k < text.Length) field.Append(c);
                }
                continue;
            }
            if (c == '"' && field.Length == 0) quoted = true;
            else if (c == separator) { cells.Add(field.ToString().Trim()); field.Clear(); }
            else if (c == '\r') { }
            else if (c == '\n')
            {
                cells.Add(field.ToString().Trim());
                field.Clear();
                if (!cells.All(string.IsNullOrWhiteSpace))
                {
                    if (rows.Count > maxRows) throw TooManyRows(maxRows);
                    rows.Add(new SheetRow(rowStart, cells));
                }
                cells = [];
                line++;
                rowStart = line;
            }
            else field.Append(c);
        }
        if (quoted)
            throw new DomainValidationException("file", $"Dòng {rowStart}: dấu ngoặc kép (\") mở mà không đóng; tệp CSV bị lỗi.");
        if (rows.Count > maxRows + 1) throw TooManyRows(maxRows);
        return rows;
    }

    private static DomainValidationException TooManyRows(int maxRows) =>
        new("file", $"Tệp có quá nhiều dòng: mỗi lần nhập tối đa {maxRows.ToString("N0", CultureInfo.GetCultureInfo("vi-VN"))} dòng. Hãy chia tệp thành nhiều phần.");
}
