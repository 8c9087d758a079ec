using System.Text;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Spreadsheets;

/// <summary>`import-items` with .xlsx and .csv sheets and `export-items`, run as an operator would: the app's executable in its own process.</summary>
public sealed class SheetCommandsTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static string TempFile(string extension) => Path.Combine(Path.GetTempPath(), $"doithoai-sheet-{Guid.NewGuid():N}{extension}");

    private async Task<(int ExitCode, string Output)> ImportAsync(byte[] file, string extension, params string[] more)
    {
        var path = TempFile(extension);
        await File.WriteAllBytesAsync(path, file);
        try { return await app.RunAsync(["import-items", "--session", "1", .. more, path]); }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Sheets_are_imported_all_or_nothing_and_a_session_or_unit_is_exported_as_xlsx_or_csv()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        var fromXlsx = Unique("Đề nghị sửa chữa nhà văn hóa thôn");
        var fromCsv = Unique("Kiến nghị về đất dịch vụ");

        var xlsx = await ImportAsync(XlsxBook.Xlsx(["Người nêu", "Nội dung"], ["Đảng viên thôn Đông", fromXlsx]), ".xlsx");
        Assert.True(xlsx.ExitCode == 0, xlsx.Output);
        Assert.Contains("Imported 1 items", xlsx.Output);
        var csv = await ImportAsync(Encoding.UTF8.GetBytes($"Nội dung;Người nêu;Loại\r\n\"{fromCsv}\";Bí thư chi bộ;Kiến nghị\r\n"), ".csv");
        Assert.True(csv.ExitCode == 0, csv.Output);

        var bad = await ImportAsync(Encoding.UTF8.GetBytes("Người nêu,Nội dung\r\nA,Ý kiến tốt\r\nB,\r\nC,=1+1\r\n"), ".csv");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("Dòng 3: thiếu nội dung", bad.Output);
        Assert.Contains("Dòng 4: “=1+1” là công thức", bad.Output);
        var ansi = await ImportAsync([.. Encoding.UTF8.GetBytes("Người nêu,Nội dung\r\nA,"), 0xD0, 0x61, 0xD2, (byte)'\r', (byte)'\n'], ".csv");
        Assert.Equal(2, ansi.ExitCode);
        Assert.Contains("không phải mã hóa UTF-8", ansi.Output);
        var converted = await ImportAsync(ItemImportPageTests.Ansi("Ngươ\u0300i nêu,Nô\u0323i dung\r\nA,Đa\u0309ng\r\n"), ".csv", "--encoding", "windows-1258");
        Assert.True(converted.ExitCode == 0, converted.Output);

        var xlsxOut = TempFile(".xlsx");
        var csvOut = TempFile(".csv");
        try
        {
            var exported = await app.RunAsync("export-items", "--session", "1", "--format", "xlsx", "--out", xlsxOut);
            Assert.True(exported.ExitCode == 0, exported.Output);
            var book = XlsxBook.Read(await File.ReadAllBytesAsync(xlsxOut));
            Assert.Equal(ItemSheet.Columns.Select(c => c.Header), book.Header);
            var texts = book.Data.Select(r => book.Cell(r, "Nội dung")).ToList();
            Assert.Contains(fromXlsx, texts);
            Assert.Contains(fromCsv, texts);
            Assert.Contains("Đảng", texts);
            Assert.Contains($"Exported {texts.Count} items", exported.Output);
            Assert.DoesNotContain("Ý kiến tốt", texts);

            var byUnit = await app.RunAsync("export-items", "--unit", "1", "--format", "csv", "--out", csvOut);
            Assert.True(byUnit.ExitCode == 0, byUnit.Output);
            var text = await File.ReadAllTextAsync(csvOut);
            Assert.StartsWith(string.Join(",", ItemSheet.Columns.Select(c => c.Header)) + "\r\n", text);

            var usage = await app.RunAsync("export-items", "--session", "1", "--format", "pdf", "--out", csvOut);
            Assert.Equal(2, usage.ExitCode);
            Assert.Contains(ExportItemsCommand.Usage, usage.Output);
            var unknown = await app.RunAsync("export-items", "--session", "999999", "--format", "csv", "--out", csvOut);
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("Không tìm thấy hội nghị số 999999", unknown.Output);
        }
        finally
        {
            File.Delete(xlsxOut);
            File.Delete(csvOut);
        }
    }
}
