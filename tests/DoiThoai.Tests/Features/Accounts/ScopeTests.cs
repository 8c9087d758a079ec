using System.Net;
using System.Net.Http.Json;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Accounts;

/// <summary>Who may move what, across committees; and accounts an administrator switched off.</summary>
public sealed class ScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<HttpClient> NewAccountAsync(string userName, string role, string unitName, bool active = true)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var unitId = await app.UnitIdAsync(unitName);
            var user = new AppUser { UserName = userName, DisplayName = userName, OrgUnitId = unitId, IsActive = active };
            Assert.True((await users.CreateAsync(user, AppFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return active ? await app.ApiClientAsync(userName) : app.CreateClient();
    }

    [Fact]
    public async Task The_session_page_lists_the_restricted_item_to_the_host_office_only()
    {
        // The page reads a session's items without asking again whether the session is visible, and
        // settles the host committee's rule in memory (ADR 0020, "Page cost"): each office its own view.
        await NewAccountAsync("vp-vietyen-page", Roles.OfficeStaff, "Huyện ủy Việt Yên");
        var seedId = await app.SeedSessionIdAsync();
        var restricted = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == seedId && i.Confidentiality == DoiThoai.Web.Features.Items.Confidentiality.Restricted)
            .Select(i => i.Id).ToListAsync());
        Assert.NotEmpty(restricted);

        async Task<List<string>> ItemLinksAsync(string userName) =>
            (await Html.GetDocumentAsync(await app.SignedInBrowserAsync(userName), $"/Sessions/{seedId}"))
                .QuerySelectorAll("table.items a[href^='/Items/']").Select(a => a.GetAttribute("href")!).ToList();

        var participant = await ItemLinksAsync("vp-vietyen-page");
        var host = await ItemLinksAsync("vanphong");
        Assert.Equal(15, participant.Count);
        Assert.Equal(15 + restricted.Count, host.Count);
        Assert.All(restricted, id => Assert.DoesNotContain($"/Items/{id}", participant));
        Assert.All(restricted, id => Assert.Contains($"/Items/{id}", host));
        // The host office's page is kept for those who run the session (ADR 0023); the invited
        // committee opening it after them still gets its own view.
        Assert.Equal(participant, await ItemLinksAsync("vp-vietyen-page"));
        Assert.Equal(host, await ItemLinksAsync("vanphong"));
    }

    [Fact]
    public async Task The_participant_committee_reads_a_session_but_only_the_host_moves_it()
    {
        // Huyện ủy Việt Yên's office was invited to the 2017 provincial session; it did not host it.
        var participantOffice = await NewAccountAsync("vp-vietyen", Roles.OfficeStaff, "Huyện ủy Việt Yên");
        var seedId = await app.SeedSessionIdAsync();

        var session = await participantOffice.GetJsonAsync($"/api/v1/sessions/{seedId}");
        Assert.Empty(session["allowedActions"]!.AsArray());
        await ApiJson.AssertProblemAsync(await participantOffice.PostAsync($"/api/v1/sessions/{seedId}/actions/close",
            JsonContent.Create(new { reason = "thử" })), HttpStatusCode.Forbidden);

        var items = (await participantOffice.GetJsonAsync($"/api/v1/sessions/{seedId}/items?pageSize=200"))["items"]!.AsArray();
        // The restricted item stays with the host committee (and the unit that led its handling).
        Assert.Equal(15, items.Count);
        Assert.DoesNotContain(items, i => i!["confidentiality"]!.GetValue<string>() == "restricted");
        Assert.All(items, i => Assert.Empty(i!["allowedActions"]!.AsArray()));
        var received = items.First(i => i!["status"]!.GetValue<string>() == "received")!["id"]!.GetValue<int>();
        await ApiJson.AssertProblemAsync(await participantOffice.PostAsync($"/api/v1/items/{received}/actions/classify",
            JsonContent.Create(new { topicId = await app.TopicIdAsync() })), HttpStatusCode.Forbidden);

        var hostOffice = await app.ApiClientAsync("vanphong");
        Assert.NotEmpty((await hostOffice.GetJsonAsync($"/api/v1/items/{received}"))["allowedActions"]!.AsArray());
        Assert.Equal(16, (await hostOffice.GetJsonAsync($"/api/v1/sessions/{seedId}/items"))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_member_cannot_classify_their_own_item_through_the_api()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = (await Sessions.SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        var member = await app.ApiClientAsync("dangvien");
        var item = await member.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            text = "Đề nghị công khai lịch tiếp công dân của Đảng ủy phường",
            stage = "beforeSession",
            confidentiality = "public",
            urgency = "urgent",
            onBehalfOfUnitId = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh"),
        }, HttpStatusCode.Created);
        Assert.Equal("internal", item["confidentiality"]!.GetValue<string>());
        Assert.Equal("normal", item["urgency"]!.GetValue<string>());
        Assert.Null(item["onBehalfOfUnit"]);
    }

    [Fact]
    public async Task A_switched_off_account_cannot_sign_in_and_loses_access()
    {
        await NewAccountAsync("da-khoa", Roles.OfficeStaff, "Tỉnh ủy Bắc Ninh", active: false);
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName = "da-khoa", password = AppFactory.DemoPassword });
        await ApiJson.AssertProblemAsync(login, HttpStatusCode.Unauthorized);

        var client = await NewAccountAsync("se-khoa", Roles.OfficeStaff, "Tỉnh ủy Bắc Ninh");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/sessions")).StatusCode);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "se-khoa");
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });
        await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/sessions"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Readers_outside_the_office_see_minutes_and_conclusions_only_when_final()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await Sessions.SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 30 }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{id}/conclusions", new { text = "Dự thảo kết luận" }, HttpStatusCode.Created);
        var member = await app.ApiClientAsync("dangvien");

        var draft = await member.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Null(draft["minutes"]);
        Assert.Empty(draft["conclusions"]!.AsArray());
        Assert.NotEmpty((await office.GetJsonAsync($"/api/v1/sessions/{id}"))["conclusions"]!.AsArray());

        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/complete-minutes", new { minutes = "Biên bản chính thức" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/issue-conclusions", null, HttpStatusCode.OK);
        var final = await member.GetJsonAsync($"/api/v1/sessions/{id}");
        Assert.Equal("Biên bản chính thức", final["minutes"]!.GetValue<string>());
        Assert.Single(final["conclusions"]!.AsArray());
    }
}
