using System.Net;
using System.Net.Http.Json;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.Sessions.SessionPages;

namespace DoiThoai.Tests.Features.Routing;

/// <summary>
/// Routing suggestion over the demo history: trained from the admin page, asked for through the API
/// and the item form. Each test trains first, so none depends on another having run.
/// </summary>
public sealed class RoutingSuggestionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Known(string Text, int TopicId, int LeadUnitId);

    /// <summary>The latest demo item both classified and assigned (to a unit that exists today).</summary>
    private Task<Known> AssignedDemoItemAsync() => app.WithDbAsync(db => db.Items
        .Where(i => i.TopicId != null && i.Assignments.Any()).OrderByDescending(i => i.Id)
        .Select(i => new Known(i.Text, i.TopicId!.Value, i.Assignments.OrderByDescending(a => a.Id).Select(a => a.LeadUnitId).First()))
        .FirstAsync());

    /// <summary>The same request reworded a little: a few words dropped and a polite opening added.</summary>
    private static string Reworded(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return "Kính đề nghị " + string.Join(' ', words.Take(Math.Max(6, words.Length - 3)));
    }

    private static async Task<HttpResponseMessage> RetrainAsync(HttpClient admin)
    {
        var form = await Html.GetFormAsync(admin, "/Admin/Routing", "form#retrain");
        return await admin.PostAsync("/Admin/Routing", form.With());
    }

    [Fact]
    public async Task Trained_on_the_admin_page_the_api_proposes_the_topic_and_lead_unit_of_a_close_demo_item()
    {
        await app.WithDbAsync(db => db.RoutingModels.ExecuteDeleteAsync()); // another test of this class may have trained
        var office = await app.ApiClientAsync("vanphong");
        var known = await AssignedDemoItemAsync();
        var before = await office.PostAsync("/api/v1/items/routing-suggestion", JsonContent.Create(new { text = known.Text }));
        Assert.Contains("classifier train", (await ApiJson.AssertProblemAsync(before, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());

        var admin = await app.SignedInBrowserAsync("admin");
        Assert.Contains("Chưa huấn luyện", (await Html.GetDocumentAsync(admin, "/Admin/Routing")).QuerySelector("#routing-model")!.TextContent);
        var trained = await RetrainAsync(admin);
        Assert.Equal(HttpStatusCode.Redirect, trained.StatusCode);

        var labelled = await app.WithDbAsync(db => db.Items.CountAsync(i => i.TopicId != null));
        Assert.True(labelled >= 8, $"demo items with a topic: {labelled}");
        var shown = (await Html.GetDocumentAsync(admin, "/Admin/Routing")).QuerySelector("#routing-model")!.TextContent;
        Assert.Contains($"{labelled} ý kiến", shown);
        Assert.Contains("độ chính xác kiểm tra chéo", shown);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoutingModels.CountAsync()));

        var suggestion = await office.PostJsonAsync("/api/v1/items/routing-suggestion", new { text = Reworded(known.Text) }, HttpStatusCode.OK);
        Assert.Equal(known.TopicId, suggestion["topic"]!["id"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(suggestion["topic"]!["name"]!.GetValue<string>()));
        var confidence = suggestion["topic"]!["confidence"]!.GetValue<double>();
        Assert.InRange(confidence, 0.0001, 1);
        Assert.Equal(known.LeadUnitId, suggestion["leadUnit"]!["id"]!.GetValue<int>());

        // At assignment time the item page pre-selects the suggested lead unit, with a hint.
        var sessionId = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        var itemId = (await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "recommendation", stage = "atSession", speakerName = "Đại biểu", urgency = "normal", confidentiality = "internal", text = Reworded(known.Text),
        }, HttpStatusCode.Created))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/items/{itemId}/actions/classify",
            new { topicId = known.TopicId, kind = "recommendation", urgency = "normal", confidentiality = "internal" }, HttpStatusCode.OK);
        var itemPage = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("vanphong"), $"/Items/{itemId}");
        Assert.NotNull(itemPage.QuerySelector("#suggested-lead"));
        Assert.Equal(known.LeadUnitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            itemPage.QuerySelector("select#assign-lead option[selected]")?.GetAttribute("value"));

        // Retraining replaces the model rather than piling rows up.
        Assert.Equal(HttpStatusCode.Redirect, (await RetrainAsync(admin)).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.RoutingModels.CountAsync()));
    }

    [Fact]
    public async Task A_member_is_refused_and_an_empty_text_gets_a_message()
    {
        await RetrainAsync(await app.SignedInBrowserAsync("admin"));
        var member = await app.ApiClientAsync("dangvien");
        var refused = await member.PostAsync("/api/v1/items/routing-suggestion", JsonContent.Create(new { text = "Đề nghị sửa đường" }));
        await ApiJson.AssertProblemAsync(refused, HttpStatusCode.Forbidden);

        var office = await app.ApiClientAsync("vanphong");
        var empty = await office.PostAsync("/api/v1/items/routing-suggestion", JsonContent.Create(new { text = "  " }));
        Assert.Contains("Cần nhập nội dung", (await ApiJson.AssertProblemAsync(empty, HttpStatusCode.BadRequest))["errors"]!["text"]![0]!.GetValue<string>());

        var memberBrowser = await app.SignedInBrowserAsync("dangvien");
        Assert.NotEqual(HttpStatusCode.OK, (await memberBrowser.GetAsync("/Admin/Routing")).StatusCode);
        var officeBrowser = await app.SignedInBrowserAsync("vanphong");
        var denied = await officeBrowser.PostAsync("/Admin/Routing", new FormUrlEncodedContent([]));
        Assert.Contains("/Account/AccessDenied", denied.Headers.Location?.OriginalString ?? "");
    }

    [Fact]
    public async Task The_item_form_preselects_the_suggested_topic_and_saves_nothing_until_submitted()
    {
        await RetrainAsync(await app.SignedInBrowserAsync("admin"));
        var known = await AssignedDemoItemAsync();
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.PlanSessionAsync(office, Unique("Hội nghị gợi ý phân loại"));
        var url = $"/Items/Create?sessionId={sessionId}";
        var form = await Html.GetFormAsync(office, url, "form.item-form");
        var text = Reworded(known.Text);

        var response = await office.PostAsync(url, form.With(
            ("Input.Stage", "BeforeSession"), ("Input.SpeakerName", "Ông Bình"), ("Input.Text", text), ("Input.TopicId", ""), ("suggest", "1")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal(known.TopicId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector("select[name='Input.TopicId'] option[selected]")?.GetAttribute("value"));
        Assert.Equal(text, page.QuerySelector("textarea[name='Input.Text']")!.TextContent.Trim());
        Assert.Equal("Ông Bình", InputValue(page, "[name='Input.SpeakerName']"));
        Assert.NotNull(page.QuerySelector("#suggested-unit"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Items.CountAsync(i => i.SessionId == sessionId)));

        // The person submits the form as re-rendered: now it is saved, with the suggested topic.
        var saved = await office.PostAsync(url, FormFields.From((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form.item-form")!).With());
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(known.TopicId, await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == sessionId).Select(i => i.TopicId).SingleAsync()));
    }
}
