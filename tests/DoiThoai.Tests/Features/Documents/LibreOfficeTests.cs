using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DoiThoai.Tests.Features.Documents;

/// <summary>
/// The documents open in LibreOffice: all three are converted to PDF in one headless call (a start
/// of LibreOffice costs seconds) and the PDFs' text, read by pdftotext, holds the key lines.
/// test.sh installs LibreOffice Writer and poppler-utils when they are missing.
/// </summary>
public sealed class LibreOfficeTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Each_document_converts_to_a_pdf_whose_text_holds_the_key_lines()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.SeedSessionIdAsync();
        var files = new Dictionary<string, byte[]>();
        foreach (var name in (string[])["minutes", "conclusions", "items-summary"])
            files[name] = (await Docx.GetAsync(office, $"/api/v1/sessions/{sessionId}/documents/{name}.docx")).Bytes;
        var texts = await PdfTextsAsync(files);

        var minutes = texts["minutes"];
        Assert.Contains("ĐẢNG CỘNG SẢN VIỆT NAM", minutes);
        Assert.Contains("TỈNH ỦY BẮC GIANG", minutes);
        Assert.Contains("Việt Yên, ngày 08 tháng 9 năm 2017", minutes);
        Assert.Contains("BIÊN BẢN", minutes);
        Assert.Contains("Thời gian: bắt đầu lúc 08 giờ 00 phút, ngày 08 tháng 9 năm 2017", minutes);
        Assert.Contains("Đồng chí Đoàn Văn Mật (Chi bộ thôn Nội Ninh)", minutes);
        Assert.Contains("THƯ KÝ", minutes);
        Assert.Contains("CHỦ TRÌ", minutes);

        var notice = texts["conclusions"];
        Assert.Contains("THÔNG BÁO", notice);
        Assert.Contains("Bắc Giang, ngày 14 tháng 9 năm 2017", notice);
        Assert.Contains("PHÂN CÔNG THỰC HIỆN", notice);
        Assert.Contains("T/M BAN THƯỜNG VỤ", notice);
        Assert.Contains("Nơi nhận:", notice);

        var summary = texts["items-summary"];
        Assert.Contains("PHỤ LỤC", summary);
        Assert.Contains("I. Vai trò lãnh đạo của cấp ủy", summary);
        Assert.Contains("Tổng số: 16 ý kiến, kiến nghị.", summary);
    }

    /// <summary>
    /// The documents converted to PDF by one headless LibreOffice run, in a folder of their own that
    /// is removed afterwards, and each PDF's text by name (see <see cref="PdfTextAsync"/>).
    /// </summary>
    internal static async Task<Dictionary<string, string>> PdfTextsAsync(IReadOnlyDictionary<string, byte[]> docxByName)
    {
        var folder = Directory.CreateTempSubdirectory("doithoai-docs-");
        try
        {
            foreach (var (name, bytes) in docxByName)
                await File.WriteAllBytesAsync(Path.Combine(folder.FullName, name + ".docx"), bytes);
            // A profile of its own, so the run neither meets a LibreOffice already open nor leaves settings behind.
            var profile = new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri;
            await RunAsync("libreoffice", ["--headless", "--norestore", $"-env:UserInstallation={profile}", "--convert-to", "pdf",
                "--outdir", folder.FullName, .. docxByName.Keys.Select(n => Path.Combine(folder.FullName, n + ".docx"))]);
            var texts = new Dictionary<string, string>();
            foreach (var name in docxByName.Keys) texts[name] = await PdfTextAsync(folder, name);
            return texts;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The PDF's text in NFC with runs of white space made one space (lines break where the page does).</summary>
    private static async Task<string> PdfTextAsync(DirectoryInfo folder, string name)
    {
        var pdf = Path.Combine(folder.FullName, name + ".pdf");
        Assert.True(File.Exists(pdf), $"LibreOffice made no {name}.pdf");
        var text = await RunAsync("pdftotext", ["-enc", "UTF-8", pdf, "-"]);
        return Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " ");
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed; ./test.sh installs it (libreoffice-writer-nogui, poppler-utils).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"{program} exited {process.ExitCode}: {await error}");
            return await output;
        }
    }
}
