using System.Net;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;

namespace DoiThoai.Tests.Features.PersonalData;

/// <summary>
/// Who raised an item is personal data (ADR 0021): the host committee's office, leaders and
/// administrators and the person themselves see it; the handling unit and editors see the content
/// only; public pages never show it.
/// </summary>
public sealed class SpeakerVisibilityTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Speaker = "Đoàn Văn Mật";

    /// <summary>Vietnamese letters as written, so that a name in the JSON is found by a plain search.</summary>
    internal static readonly System.Text.Json.JsonSerializerOptions Unescaped =
        new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) };

    /// <summary>A public item raised by the demo member, assigned to Ban Tổ chức so its handlers read it too.</summary>
    private async Task<(int SessionId, int ItemId, string Text)> AssignedItemAsync()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/hold", new { attendanceCount = 40 }, HttpStatusCode.OK);
        var text = SessionPages.Unique("Đề nghị tăng phụ cấp cho bí thư chi bộ thôn");
        var item = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "recommendation", stage = "atSession", raisedByPersonId = await app.PersonIdAsync(Speaker),
            speakerName = Speaker + ", Bí thư Chi bộ", urgency = "normal", confidentiality = "public", text,
        }, HttpStatusCode.Created);
        var id = item["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/items/{id}/actions/classify", new { topicId = await app.TopicIdAsync(), confidentiality = "public" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/items/{id}/actions/accept", new { note = "Tiếp thu" }, HttpStatusCode.OK);
        var lead = await app.CurrentUnitAsync("Ban Tổ chức");
        await office.PostJsonAsync($"/api/v1/items/{id}/actions/assign", new { leadUnitId = lead, dueOn = "2026-12-31" }, HttpStatusCode.OK);
        return (sessionId, id, text);
    }

    public static TheoryData<string, bool> Readers => new()
    {
        { "admin", true }, { "vanphong", true }, { "lanhdao", true }, { "dangvien", true },
        { "bantochuc", false }, { "bientap", false },
    };

    [Theory]
    [MemberData(nameof(Readers))]
    public async Task The_speaker_is_shown_on_the_item_page_the_session_list_and_the_api_only_to_those_permitted(string reader, bool sees)
    {
        var (sessionId, itemId, text) = await AssignedItemAsync();
        var browser = await app.SignedInBrowserAsync(reader);

        var page = await Html.GetDocumentAsync(browser, $"/Items/{itemId}");
        var facts = page.QuerySelector("dl.facts")!.TextContent;
        Assert.Contains(text, page.Body!.TextContent); // the reader does read the item
        Assert.Equal(sees, facts.Contains(Speaker, StringComparison.Ordinal));
        if (!sees)
        {
            Assert.Contains("Không hiển thị (dữ liệu cá nhân)", facts);
            Assert.DoesNotContain(Speaker, page.DocumentElement.OuterHtml);
        }

        var list = await Html.GetDocumentAsync(browser, $"/Sessions/{sessionId}");
        var row = list.QuerySelectorAll("table.items tbody tr").Single(r => r.InnerHtml.Contains($"/Items/{itemId}", StringComparison.Ordinal));
        Assert.Equal(sees, row.TextContent.Contains(Speaker, StringComparison.Ordinal));

        var items = await Html.GetDocumentAsync(browser, "/Items?q=" + Uri.EscapeDataString(text[^8..]));
        Assert.Equal(sees, items.QuerySelector("table.items")!.TextContent.Contains(Speaker, StringComparison.Ordinal));

        // The documents of the session are the host office's: they name the speaker for it alone.
        var summary = await DoiThoai.Tests.Features.Documents.Docx.GetAsync(browser, $"/Sessions/{sessionId}/Documents/ItemsSummary");
        Assert.Contains(text[..20], summary.AllText);
        Assert.Equal(sees, summary.AllText.Contains(Speaker, StringComparison.Ordinal));

        var api = await app.ApiClientAsync(reader);
        var dto = await api.GetJsonAsync($"/api/v1/items/{itemId}");
        Assert.Equal(sees, dto["speaker"]?.GetValue<string>() == Speaker);
        Assert.Equal(sees, dto["raisedByPersonId"] is not null);
        Assert.Equal(sees, dto.ToJsonString(Unescaped).Contains(Speaker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Public_pages_show_the_published_items_of_the_seed_session_but_never_who_raised_them()
    {
        var seed = await app.SeedSessionIdAsync();
        var person = await app.PersonIdAsync(Speaker);
        var own = await app.WithDbAsync(db => db.Items
            .Where(i => i.SessionId == seed && i.RaisedByPersonId == person && i.Confidentiality == Confidentiality.Public)
            .Select(i => i.Text).FirstAsync());
        var visitor = app.Browser();

        var results = await (await visitor.GetAsync($"/Portal/Sessions/{seed}")).Content.ReadAsStringAsync();
        Assert.Contains(System.Net.WebUtility.HtmlEncode(own[..20]), System.Net.WebUtility.HtmlEncode(System.Net.WebUtility.HtmlDecode(results)));
        Assert.DoesNotContain(Speaker, System.Net.WebUtility.HtmlDecode(results));
        // The pages built from items (not the articles: an editor may name a speaker who agreed to it, as the 2017 article did).
        foreach (var url in new[] { "/Portal/Transparency", $"/Portal/Transparency?session={seed}" })
        {
            var response = await visitor.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(Speaker, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }
}
