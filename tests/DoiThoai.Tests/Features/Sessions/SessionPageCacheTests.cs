using System.Net;
using AngleSharp.Html.Dom;
using DoiThoai.Tests.Features.Admin;
using DoiThoai.Tests.Features.Deployment;
using DoiThoai.Tests.Features.Notifications;
using DoiThoai.Tests.Features.Spreadsheets;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;
using static DoiThoai.Tests.Features.Sessions.SessionPages;
using static DoiThoai.Tests.Features.Spreadsheets.ItemImportPageTests;

namespace DoiThoai.Tests.Features.Sessions;

/// <summary>
/// The session page of those who run the session is kept per page version (ADR 0023): these tests
/// change what the page shows through every kind of write — items, conclusions, the session itself,
/// a bulk import, a person's name, another node — and expect the very next page to show it.
/// </summary>
public sealed class SessionPageCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    private SessionPageCache Cache => app.Services.GetRequiredService<SessionPageCache>();

    /// <summary>The page, and whether it was shown from the kept data.</summary>
    private async Task<(IHtmlDocument Page, bool Kept)> OpenAsync(HttpClient browser, int sessionId)
    {
        var (hits, misses) = (Cache.Hits, Cache.Misses);
        var page = await Html.GetDocumentAsync(browser, $"/Sessions/{sessionId}");
        var kept = Cache.Hits > hits;
        Assert.True(kept ^ (Cache.Misses > misses), "a page of those who run the session is either kept or read");
        return (page, kept);
    }

    private static string ItemsText(IHtmlDocument page) => page.QuerySelector("table.items")?.TextContent ?? "";

    [Fact]
    public async Task The_page_is_kept_until_something_it_shows_is_saved()
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var api = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(api);
        var first = Unique("Ý kiến về đường liên thôn");
        await RaiseAsync(api, sessionId, first);

        var (page, kept) = await OpenAsync(office, sessionId);
        Assert.False(kept);
        Assert.Contains(first, ItemsText(page));
        (page, kept) = await OpenAsync(office, sessionId);
        Assert.True(kept);
        Assert.Contains(first, ItemsText(page));
        // A leader of the same committee runs the session too: same data, same kept page.
        (_, kept) = await OpenAsync(await app.SignedInBrowserAsync("lanhdao"), sessionId);
        Assert.True(kept);
        // Saves that are not on this page leave it kept.
        await app.PlanSessionAsync(office, Unique("Hội nghị khác"));
        (_, kept) = await OpenAsync(office, sessionId);
        Assert.True(kept);

        // A new item.
        var second = Unique("Ý kiến về nước sạch");
        await RaiseAsync(api, sessionId, second);
        (page, kept) = await OpenAsync(office, sessionId);
        Assert.False(kept);
        Assert.Contains(second, ItemsText(page));

        // Items imported in bulk, which bypass SaveChanges.
        var imported = Unique("Ý kiến nhập từ tệp");
        var preview = await Html.ParseAsync(await UploadAsync(office, sessionId,
            XlsxBook.Xlsx(["Người nêu", "Nội dung"], ["Đảng viên thôn Bắc", imported]), "nhap.xlsx"));
        var confirmed = await ConfirmAsync(office, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        await app.Services.GetRequiredService<ImportJobs>().WhenFinished(JobId(confirmed.Headers.Location!.OriginalString));
        (page, kept) = await OpenAsync(office, sessionId);
        Assert.False(kept);
        Assert.Contains(imported, ItemsText(page));

        // A conclusion, then the minutes and the session's state.
        var conclusion = Unique("Giao Ủy ban nhân dân xã rà soát");
        await api.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = conclusion, dueOn = "2027-03-31" }, HttpStatusCode.Created);
        (page, _) = await OpenAsync(office, sessionId);
        Assert.Contains(conclusion, page.QuerySelector("table.conclusions")!.TextContent);
        var minutes = Unique("Biên bản ghi đủ ý kiến");
        await api.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/complete-minutes", new { minutes }, HttpStatusCode.OK);
        (page, kept) = await OpenAsync(office, sessionId);
        Assert.False(kept);
        Assert.Contains(minutes, page.QuerySelector(".minutes")!.TextContent);
        Assert.Contains("Đã có biên bản", page.QuerySelector(".status")!.TextContent);
    }

    [Fact]
    public async Task A_renamed_speaker_shows_on_the_kept_page_at_once()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var name = Unique("Nguyễn Thị Nêu");
        var form = await Html.GetFormAsync(admin, "/Admin/People/Create");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync("/Admin/People/Create", form.With(("Input.FullName", name)))).StatusCode);
        var personId = await app.WithDbAsync(db => db.People.Where(p => p.FullName == name).Select(p => p.Id).SingleAsync());
        var api = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(api);
        await RaiseAsync(api, sessionId, Unique("Ý kiến có người nêu"), raisedByPersonId: personId);
        var office = await app.SignedInBrowserAsync("vanphong");
        await OpenAsync(office, sessionId);
        var (page, kept) = await OpenAsync(office, sessionId);
        Assert.True(kept);
        Assert.Contains(name, ItemsText(page));

        // The person's name lives in another table, shared by every page that shows it.
        var renamed = Unique("Nguyễn Thị Đổi Tên");
        var edit = await Html.GetFormAsync(admin, $"/Admin/People/{personId}/Edit");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostAsync($"/Admin/People/{personId}/Edit", edit.With(("Input.FullName", renamed)))).StatusCode);
        (page, kept) = await OpenAsync(office, sessionId);
        Assert.False(kept);
        Assert.Contains(renamed, ItemsText(page));
        Assert.DoesNotContain(name, ItemsText(page));
    }

    [Fact]
    public async Task The_invited_committee_opening_a_kept_page_sees_its_own_view()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "vp-vietyen-kept", DisplayName = "vp-vietyen-kept", OrgUnitId = await app.UnitIdAsync("Huyện ủy Việt Yên"), IsActive = true };
            Assert.True((await users.CreateAsync(user, AppFactory.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.OfficeStaff)).Succeeded);
        }
        var seedId = await app.SeedSessionIdAsync();
        var host = await app.SignedInBrowserAsync("vanphong");
        await OpenAsync(host, seedId);
        var (hostPage, kept) = await OpenAsync(host, seedId);
        Assert.True(kept);
        Assert.Contains("Đoàn Văn Mật", ItemsText(hostPage));
        Assert.NotEmpty(hostPage.QuerySelectorAll("section[aria-labelledby=actions] form"));

        var (hits, misses) = (Cache.Hits, Cache.Misses);
        var invitedPage = await Html.GetDocumentAsync(await app.SignedInBrowserAsync("vp-vietyen-kept"), $"/Sessions/{seedId}");
        Assert.Equal((hits, misses), (Cache.Hits, Cache.Misses));
        Assert.True(invitedPage.QuerySelectorAll("table.items tbody tr").Length < hostPage.QuerySelectorAll("table.items tbody tr").Length);
        Assert.DoesNotContain("Đoàn Văn Mật", ItemsText(invitedPage));
        Assert.Empty(invitedPage.QuerySelectorAll("section[aria-labelledby=actions] form"));
    }

    [Fact]
    public async Task The_conclusion_form_offers_the_units_of_each_callers_scope_as_the_tree_is_now()
    {
        // The options are kept written per tree snapshot, scope, language and day (ADR 0023).
        var admin = await app.SignedInBrowserAsync("admin");
        var office = await app.SignedInBrowserAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(await app.ApiClientAsync("vanphong"));
        async Task<List<string>> OptionsAsync(HttpClient browser) =>
            (await Html.GetDocumentAsync(browser, $"/Sessions/{sessionId}")).QuerySelectorAll("#NewConclusion_LeadUnitId option")
                .Select(o => o.TextContent.Trim()).ToList();
        var officeBefore = await OptionsAsync(office);
        Assert.Equal(officeBefore, await OptionsAsync(office));
        Assert.Contains(officeBefore, o => o.StartsWith("Tỉnh ủy Bắc Ninh", StringComparison.Ordinal));

        var kind = await app.CreateKindAsync(admin);
        var inScope = Unique("Chi bộ mới trong tỉnh");
        var outside = Unique("Đơn vị mới ngoài tỉnh");
        await AdminPages.CreateUnitAsync(admin, kind, inScope, parentId: await app.UnitIdAsync(CurrentProvince));
        await AdminPages.CreateUnitAsync(admin, kind, outside);

        var officeAfter = await OptionsAsync(office);
        var adminAfter = await OptionsAsync(admin);
        Assert.Equal(officeBefore.Count + 1, officeAfter.Count);
        Assert.Contains(officeAfter, o => o.Contains(inScope, StringComparison.Ordinal));
        Assert.DoesNotContain(officeAfter, o => o.Contains(outside, StringComparison.Ordinal));
        Assert.Contains(adminAfter, o => o.Contains(outside, StringComparison.Ordinal));
        Assert.True(adminAfter.Count > officeAfter.Count);
    }

    [Fact]
    public async Task Every_table_that_points_at_a_session_is_either_on_its_page_or_named_as_not()
    {
        // A new table hanging off sessions must be placed in one list or the other (ADR 0023).
        var pointing = await app.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => t.GetForeignKeys().Any(k => k.PrincipalEntityType.ClrType == typeof(DialogueSession)))
            .Select(t => t.ClrType).ToHashSet()));
        Assert.Equal(pointing.OrderBy(t => t.Name), SessionPageVersions.PageRows.Union(SessionPageVersions.NotOnThePage).OrderBy(t => t.Name));
        Assert.Empty(SessionPageVersions.PageRows.Intersect(SessionPageVersions.NotOnThePage));
    }

    [PostgresFact]
    public Task A_change_saved_on_another_node_shows_on_the_next_page() =>
        ClusterNode.WithTwoNodesAsync(async (a, b) =>
        {
            var onA = await a.SignedInBrowserAsync("vanphong");
            var apiOnB = await b.ApiClientAsync("vanphong");
            var sessionId = await a.HeldSessionAsync(apiOnB);
            var cacheOnA = a.Services.GetRequiredService<SessionPageCache>();
            await Html.GetDocumentAsync(onA, $"/Sessions/{sessionId}");
            var hits = cacheOnA.Hits;
            await Html.GetDocumentAsync(onA, $"/Sessions/{sessionId}");
            Assert.Equal(hits + 1, cacheOnA.Hits);

            var text = Unique("Ý kiến ghi ở nút thứ hai");
            await RaiseAsync(apiOnB, sessionId, text);
            var page = await Html.GetDocumentAsync(onA, $"/Sessions/{sessionId}");
            Assert.Contains(text, page.QuerySelector("table.items")!.TextContent);

            var minutes = Unique("Biên bản ghi ở nút thứ hai");
            await apiOnB.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/complete-minutes", new { minutes }, HttpStatusCode.OK);
            page = await Html.GetDocumentAsync(onA, $"/Sessions/{sessionId}");
            Assert.Contains("Đã có biên bản", page.QuerySelector(".status")!.TextContent);
            Assert.Contains(minutes, page.QuerySelector(".minutes")!.TextContent);
        });
}
