using System.Text;
using DoiThoai.Web.Features.Spreadsheets;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>The reader both imports go through: CSV per RFC 4180 in the separators Excel writes, and the file-level refusals.</summary>
public sealed class SheetReaderTests
{
    [Fact]
    public void Csv_fields_keep_quotes_separators_and_line_breaks_and_rows_keep_their_numbers_in_the_file()
    {
        var rows = SheetReader.ParseCsv("Người nêu;Nội dung\r\n\"Trần \"\"Văn\"\" B\";\"dòng một;\r\ndòng hai\"\r\n\r\nC;ba\n", 10);
        Assert.Equal([1, 2, 5], rows.Select(r => r.Number));
        Assert.Equal(["Trần \"Văn\" B", "dòng một;\ndòng hai"], rows[1].Cells);
        Assert.Equal(["C", "ba"], rows[2].Cells);

        Assert.Equal(["a", "b,c"], SheetReader.ParseCsv("x,y\na,\"b,c\"", 10)[1].Cells);
        Assert.Equal(["a", "b"], SheetReader.ParseCsv("x\ty\na\tb", 10)[1].Cells);
    }

    [Fact]
    public void Broken_or_oversized_files_are_refused_with_a_message()
    {
        var open = Assert.Throws<DomainValidationException>(() => SheetReader.ParseCsv("x,y\na,\"b\nc,d", 10));
        Assert.Contains("Dòng 2: dấu ngoặc kép", open.Message);
        var many = Assert.Throws<DomainValidationException>(() => SheetReader.ParseCsv("x\n1\n2\n3\n", 2));
        Assert.Contains("tối đa 2 dòng", many.Message);
        Assert.Equal(3, SheetReader.ParseCsv("x\n1\n2\n", 2).Count);

        var bom = SheetReader.ReadCsv(new MemoryStream([.. "\uFEFF"u8, .. Encoding.UTF8.GetBytes("Nội dung\nmột")]), 10, CsvEncoding.Utf8);
        Assert.Equal("Nội dung", bom[0].Cells[0]);
        var utf16 = SheetReader.ReadCsv(new MemoryStream([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("Nội dung\nmột")]), 10, CsvEncoding.Utf8);
        Assert.Equal("một", utf16[1].Cells[0]);
        Assert.Throws<DomainValidationException>(() => SheetReader.Read(new MemoryStream("PK"u8.ToArray()), "a.xlsx", 10));
    }

    [Fact]
    public void An_xlsx_that_unpacks_beyond_the_limit_is_refused_before_it_is_read_into_memory()
    {
        var bomb = XlsxBook.Xlsx(["Nội dung"], [new string('a', (int)SheetReader.MaxCharactersInPart + 1)]);
        Assert.True(bomb.Length < 1_000_000, $"{bomb.Length} bytes");
        var refused = Assert.Throws<DomainValidationException>(() => SheetReader.ReadXlsx(new MemoryStream(bomb), 10));
        Assert.Contains("quá lớn khi giải nén", refused.Message);
    }
}
