using System.Net;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>The document library: an editor publishes a document with its file; readers list and download it.</summary>
public sealed class DocumentLibraryTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string number, byte[] bytes, string fileName)
    {
        var page = await Html.GetDocumentAsync(client, "/Portal/Admin/Documents");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(number), "Input.Number" },
            { new StringContent("2026-11-20"), "Input.IssuedOn" },
            { new StringContent("Quy định về tiếp xúc, đối thoại"), "Input.Title" },
            { new StringContent("Quy định việc tổ chức hội nghị đối thoại định kỳ với đảng viên."), "Input.Summary" },
            { new ByteArrayContent(bytes), "Input.File", fileName },
        };
        return await client.PostAsync("/Portal/Admin/Documents", content);
    }

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task An_editor_publishes_a_document_and_readers_find_and_download_it_until_it_is_withdrawn()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var number = $"{Random.Shared.Next(100, 999)}-QĐ/TU";
        var saved = await PostAsync(editor, number, Pdf, "quy-dinh.pdf");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var reader = app.Browser();
        var library = await Html.GetDocumentAsync(reader, "/Portal/Documents");
        var row = library.QuerySelectorAll("table.documents tbody tr").Single(r => r.TextContent.Contains(number));
        var link = row.QuerySelector("a")!.GetAttribute("href")!;
        var file = await reader.GetAsync(link);
        Assert.Equal("application/pdf", file.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await file.Content.ReadAsByteArrayAsync());

        var id = await app.WithDbAsync(db => db.PortalDocuments.Where(d => d.Number == number).Select(d => d.Id).SingleAsync());
        var admin = await Html.GetDocumentAsync(editor, "/Portal/Admin/Documents");
        var remove = admin.QuerySelectorAll("form").FirstOrDefault(f => f.GetAttribute("action")?.Contains("Remove") == true && f.GetAttribute("action")!.Contains($"id={id}")) ?? throw new Xunit.Sdk.XunitException(string.Join(" | ", admin.QuerySelectorAll("form").Select(f => f.GetAttribute("action"))));
        var token = remove.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var removed = await editor.PostAsync(remove.GetAttribute("action")!, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.DoesNotContain(number, (await Html.GetDocumentAsync(reader, "/Portal/Documents")).Body!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_disguised_file_or_a_missing_field_is_refused_and_only_editors_publish()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        var before = await app.WithDbAsync(db => db.PortalDocuments.CountAsync());

        var disguised = await PostAsync(editor, "1-QĐ/TU", "<script>alert(1)</script>"u8.ToArray(), "quy-dinh.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, disguised.StatusCode);
        Assert.Contains("không phải PDF", (await Html.ParseAsync(disguised)).QuerySelector("[data-valmsg-for='Input.File']")!.TextContent);

        var png = PortalSteps.Picture(20, 20);
        var picture = await PostAsync(editor, "2-QĐ/TU", png, "anh.png");
        Assert.Equal(HttpStatusCode.BadRequest, picture.StatusCode);
        Assert.Contains("PDF hoặc DOCX", (await Html.ParseAsync(picture)).QuerySelector("[data-valmsg-for='Input.File']")!.TextContent);

        var noNumber = await PostAsync(editor, "  ", Pdf, "quy-dinh.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, noNumber.StatusCode);
        Assert.Contains("Nhập số, ký hiệu", (await Html.ParseAsync(noNumber)).QuerySelector("[data-valmsg-for='Input.Number']")!.TextContent);

        // Office staff write articles but do not publish documents; members do not reach the page.
        var office = await app.SignedInBrowserAsync("vanphong");
        Assert.Null((await Html.GetDocumentAsync(office, "/Portal/Admin/Documents")).QuerySelector("input[name='Input.File']"));
        var member = await app.SignedInBrowserAsync("dangvien");
        Assert.NotEqual(HttpStatusCode.OK, (await member.GetAsync("/Portal/Admin/Documents")).StatusCode);

        Assert.Equal(before, await app.WithDbAsync(db => db.PortalDocuments.CountAsync()));
    }
}
