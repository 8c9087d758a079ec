using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DoiThoai.Tests.Features.FollowUp;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.FollowUp.TaskSetup;

namespace DoiThoai.Tests.Features.Operations;

/// <summary>
/// Two people change the same item or task from what they both read (ADR 0018): the first change
/// is saved, the second is refused with 409 naming the first, and the database keeps the first.
/// </summary>
public sealed class ConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<int> ClassifiedItemAsync(HttpClient office)
    {
        var session = await app.HeldSessionAsync(office);
        var id = await ItemFlow.RaiseAsync(office, session, "Đề nghị sửa đường liên thôn " + Guid.NewGuid().ToString("N")[..6]);
        await office.ActAsync(id, "classify", new { topicId = await app.TopicIdAsync() });
        return id;
    }

    private static async Task<string> ETagOfAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    [Fact]
    public async Task Api_the_second_of_two_item_changes_from_the_same_version_gets_409_and_the_first_stays()
    {
        var office = await app.ApiClientAsync("vanphong");
        var leader = await app.ApiClientAsync("lanhdao");
        var id = await ClassifiedItemAsync(office);
        var read = await ETagOfAsync(office, $"/api/v1/items/{id}");
        var version = int.Parse(read.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(read, await ETagOfAsync(leader, $"/api/v1/items/{id}"));
        var topic = await app.TopicIdAsync();

        var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/items/{id}/actions/classify")
        {
            Content = JsonContent.Create(new { topicId = topic, urgency = "high", note = "Văn phòng: mức khẩn" }),
        };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue(read));
        var saved = await office.SendAsync(first);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(read, saved.Headers.ETag!.Tag);

        // The leader's client still holds the old version and sends it in the body.
        var refused = await ApiJson.AssertProblemAsync(
            await leader.PostAsJsonAsync($"/api/v1/items/{id}/actions/classify", new { topicId = topic, urgency = "urgent", version }),
            HttpStatusCode.Conflict);
        Assert.Equal(version + 1, refused["currentVersion"]!.GetValue<int>());
        var officeName = await app.WithDbAsync(db => db.History.Where(h => h.ItemId == id).OrderByDescending(h => h.Id).Select(h => h.ActorName).FirstAsync());
        Assert.Equal(officeName, refused["changedBy"]!.GetValue<string>());
        Assert.Equal("Văn phòng: mức khẩn", refused["changeNote"]!.GetValue<string>());
        Assert.Equal(Urgency.High, await app.WithDbAsync(db => db.Items.Where(i => i.Id == id).Select(i => i.Urgency).SingleAsync()));

        // Having seen the change, the leader sends the version now saved, and it goes through.
        var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/items/{id}/actions/classify")
        {
            Content = JsonContent.Create(new { topicId = topic, urgency = "urgent" }),
        };
        again.Headers.IfMatch.Add(new EntityTagHeaderValue(saved.Headers.ETag!.Tag));
        Assert.Equal(HttpStatusCode.OK, (await leader.SendAsync(again)).StatusCode);
        Assert.Equal(Urgency.Urgent, await app.WithDbAsync(db => db.Items.Where(i => i.Id == id).Select(i => i.Urgency).SingleAsync()));
    }

    [Fact]
    public async Task Api_an_unreadable_if_match_is_a_400_problem()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = await ClassifiedItemAsync(office);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/items/{id}/actions/accept") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"ba\"");
        await ApiJson.AssertProblemAsync(await office.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal(ItemStatus.Classified, await app.WithDbAsync(db => db.Items.Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));
    }

    [Fact]
    public async Task Page_a_draft_answer_over_a_newer_draft_is_refused_showing_the_other_draft_and_keeping_the_typed_one()
    {
        var office = await app.ApiClientAsync("vanphong");
        var session = await app.HeldSessionAsync(office);
        var id = await ItemFlow.RaiseAsync(office, session, "Kiến nghị về chế độ cho bí thư chi bộ " + Guid.NewGuid().ToString("N")[..6]);
        await app.DraftAnswerByOrganisationAsync(office, id, "Dự thảo đầu tiên.");
        var one = await app.SignedInBrowserAsync("bantochuc");
        var two = await app.SignedInBrowserAsync("bantochuc");
        const string selector = "form[action*='action=draft-answer']";
        var formOne = await Html.GetFormAsync(one, $"/Items/{id}", selector);
        var formTwo = await Html.GetFormAsync(two, $"/Items/{id}", selector);

        var first = await one.PostAsync(formOne.Action, formOne.With(("Act.Answer", "Bản trả lời của người thứ nhất."), ("Act.Outcome", "Explained")));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var second = await two.PostAsync(formTwo.Action, formTwo.With(("Act.Answer", "Bản trả lời của người thứ hai."), ("Act.Outcome", "Explained")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.ParseAsync(second);
        Assert.Contains("đã thay đổi bản ghi lúc", page.QuerySelector(".errors")!.TextContent);
        Assert.Equal("Bản trả lời của người thứ nhất.", page.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("Bản trả lời của người thứ hai.", page.QuerySelector("[data-conflict=yours]")!.TextContent);
        // The draft form is still there, with the typed answer and the version now saved.
        Assert.Equal("Bản trả lời của người thứ hai.", page.QuerySelector($"{selector} textarea[name='Act.Answer']")!.TextContent);
        var saved = await app.WithDbAsync(db => db.Items.Where(i => i.Id == id).Select(i => new { i.Answer, i.Version }).SingleAsync());
        Assert.Equal("Bản trả lời của người thứ nhất.", saved.Answer);
        Assert.Equal(saved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            page.QuerySelector($"{selector} input[name='Act.Version']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Api_the_second_progress_report_from_the_same_version_of_a_task_gets_409()
    {
        var office = await app.ApiClientAsync("vanphong");
        var leader = await app.ApiClientAsync("lanhdao");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(office, new Direction(Unique("Rà soát đảng viên"), Organisation, "2027-01-31")))).Single();
        var read = await ETagOfAsync(office, $"/api/v1/tasks/{id}");
        var version = (await leader.GetJsonAsync($"/api/v1/tasks/{id}"))["version"]!.GetValue<int>();
        Assert.Equal($"\"{version}\"", read);

        var first = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{id}/progress") { Content = JsonContent.Create(new { progress = 30, note = "Xong 3/10 chi bộ" }) };
        first.Headers.IfMatch.Add(new EntityTagHeaderValue(read));
        Assert.Equal(HttpStatusCode.OK, (await office.SendAsync(first)).StatusCode);
        var refused = await ApiJson.AssertProblemAsync(
            await leader.PostAsJsonAsync($"/api/v1/tasks/{id}/progress", new { progress = 60, note = "Xong 6/10", version }), HttpStatusCode.Conflict);
        Assert.Equal("30% — Xong 3/10 chi bộ", refused["changeNote"]!.GetValue<string>());
        Assert.Equal(30, await app.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Progress).SingleAsync()));
    }

    [Fact]
    public async Task Page_a_progress_report_over_a_newer_one_is_refused_and_keeps_the_typed_note()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await app.TaskIdsAsync(await app.IssuedSessionAsync(office, new Direction(Unique("Tập huấn nghiệp vụ"), Organisation, "2027-01-31")))).Single();
        var one = await app.SignedInBrowserAsync("vanphong");
        var two = await app.SignedInBrowserAsync("lanhdao");
        const string selector = "form[action*='action=progress']";
        var formOne = await Html.GetFormAsync(one, $"/Tasks/{id}", selector);
        var formTwo = await Html.GetFormAsync(two, $"/Tasks/{id}", selector);

        Assert.Equal(HttpStatusCode.Redirect, (await one.PostAsync(formOne.Action, formOne.With(("Act.Progress", "40"), ("Act.Note", "Đã mở 2 lớp")))).StatusCode);
        var second = await two.PostAsync(formTwo.Action, formTwo.With(("Act.Progress", "70"), ("Act.Note", "Đã mở 3 lớp, còn 1")));

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var page = await Html.ParseAsync(second);
        Assert.Equal("40% — Đã mở 2 lớp", page.QuerySelector("[data-conflict=theirs]")!.TextContent);
        Assert.Equal("Đã mở 3 lớp, còn 1", page.QuerySelector("[data-conflict=yours]")!.TextContent);
        Assert.Equal(40, await app.WithDbAsync(db => db.Tasks.Where(t => t.Id == id).Select(t => t.Progress).SingleAsync()));
    }
}
