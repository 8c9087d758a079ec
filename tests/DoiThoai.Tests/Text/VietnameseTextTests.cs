using System.Net;
using DoiThoai.Text;

namespace DoiThoai.Tests.Text;

public sealed class VietnameseTextTests
{
    [Theory]
    [InlineData("ho\u0300a", "hòa")]
    [InlineData("Vie\u0302\u0323t Yên", "Việt Yên")]
    [InlineData("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3")]
    [InlineData("Chi bộ\u0007 thôn\u0000", "Chi bộ thôn")]
    [InlineData("giữ\ttab", "giữ\ttab")]
    [InlineData("", "")]
    public void Text_is_stored_in_nfc_without_stray_control_characters(string input, string stored)
    {
        Assert.Equal(stored, VietnameseText.ToStorageForm(input));
        Assert.True(VietnameseText.IsInStorageForm(stored));
    }

    [Fact]
    public void Text_already_in_storage_form_is_returned_as_is()
    {
        const string text = "Bí thư chi bộ thôn Nội Ninh";
        Assert.Same(text, VietnameseText.ToStorageForm(text));
    }
}

public sealed class StorageFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Decomposed_text_sent_to_the_api_is_stored_precomposed()
    {
        var client = await app.ApiClientAsync("vanphong");
        var host = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var created = await client.PostJsonAsync("/api/v1/sessions", new
        {
            title = "Ho\u0302\u0323i nghi\u0323 \u0111o\u0302\u0301i thoa\u0323i",
            hostUnitId = host,
            startsAt = "2026-12-11T08:00",
            place = "Ho\u0323\u0302i tru\u031b\u01a1\u0300ng",
        }, HttpStatusCode.Created);
        var id = created["id"]!.GetValue<int>();
        var stored = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.Title).SingleAsync());
        Assert.Equal("Hội nghị đối thoại", stored);
        Assert.True(stored.IsNormalized());
    }

    [Fact]
    public async Task Pages_send_vietnamese_letters_as_they_are_not_as_entities()
    {
        // Razor's default encoder would write "Hội" as "H&#x1ED9;i", nearly doubling each page.
        var browser = await app.SignedInBrowserAsync("vanphong");
        var html = await browser.GetStringAsync($"/Sessions/{await app.SeedSessionIdAsync()}");
        Assert.Contains("Thân Văn Khoa", html);
        Assert.Contains("Thứ Sáu, 08/09/2017", html);
        Assert.DoesNotContain("&#x1E", html);
    }
}
