using System.Net;
using DoiThoai.Web.Features.Demo;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Demo;

public sealed class DemoDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_seed_session_reads_back_as_the_story_tells_it()
    {
        var id = await app.SeedSessionIdAsync();
        var session = await app.WithDbAsync(db => db.Sessions.AsNoTracking()
            .Include(s => s.Chairs).ThenInclude(c => c.Person).Include(s => s.HostUnit).Include(s => s.ParticipantUnit)
            .Include(s => s.Term).Include(s => s.Conclusions).Include(s => s.Items).ThenInclude(i => i.RaisedByPerson)
            .Include(s => s.Items).ThenInclude(i => i.Assignments)
            .SingleAsync(s => s.Id == id));

        Assert.Equal("Tỉnh ủy Bắc Giang", session.HostUnit!.Name);
        Assert.Equal("Huyện ủy Việt Yên", session.ParticipantUnit!.Name);
        Assert.Equal("2015–2020", session.Term!.Name.Replace('-', '–'));
        Assert.Equal(["Thân Văn Khoa", "Nguyễn Văn Cảnh"], session.Chairs.OrderBy(c => c.Order).Select(c => c.Person!.FullName));
        Assert.Equal(new DateOnly(2017, 9, 8), VietnamTime.DateOf(session.StartsAtUtc));
        Assert.True(session.AttendanceCount >= 100);
        Assert.Equal(16, session.Items.Count);
        Assert.Equal(Enumerable.Range(1, 16), session.Items.Select(i => i.Number).Order());
        Assert.Contains(session.Items, i => i.RaisedByPerson?.FullName == "Đoàn Văn Mật");
        Assert.True(session.Conclusions.Count >= 4);
        Assert.Equal(SessionStatus.FollowingUp, session.Status);

        // Answered on the spot, accepted and assigned: every outcome the story describes is present.
        Assert.Contains(session.Items, i => i.Answer != null && i.Outcome != null && i.AnsweredBy != null);
        Assert.Contains(session.Items, i => i.Assignments.Count > 0 && i.ApprovedAtUtc != null);
        Assert.Contains(session.Items, i => i.Status == ItemStatus.Closed);
        Assert.Contains(session.Items, i => i.Confidentiality == Confidentiality.Restricted);
        Assert.All(session.Items, i => Assert.Equal(i.Text.Normalize(), i.Text));
    }

    [Fact]
    public async Task The_2025_restructuring_is_data_with_successor_links()
    {
        var links = await app.WithDbAsync(db => db.OrgUnitSuccessions.AsNoTracking()
            .Select(s => new { From = s.Predecessor!.Name, FromEnds = s.Predecessor.ValidTo, To = s.Successor!.Name, ToStarts = s.Successor.ValidFrom, s.Kind })
            .ToListAsync());

        var province = Assert.Single(links, l => l.From == "Tỉnh ủy Bắc Giang");
        Assert.Equal("Tỉnh ủy Bắc Ninh", province.To);
        Assert.Equal(SuccessionKind.MergedInto, province.Kind);
        Assert.Equal(new DateOnly(2025, 6, 30), province.FromEnds);
        Assert.Equal(new DateOnly(2025, 7, 1), province.ToStarts);
        Assert.Contains(links, l => l.From == "Ban Tuyên giáo Tỉnh ủy Bắc Giang" && l.To == "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh");
        Assert.Contains(links, l => l.From == "Ban Dân vận Tỉnh ủy Bắc Giang" && l.To == "Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh");
        Assert.Contains(links, l => l.From == "Đảng ủy xã Ninh Sơn");
        Assert.True(await app.WithDbAsync(db => db.OrgUnits.AnyAsync(u => u.Name.StartsWith("Ban Nội chính Tỉnh ủy") && u.ValidTo == null)));
        var vietYen = await app.WithDbAsync(db => db.OrgUnits.SingleAsync(u => u.Name == "Huyện ủy Việt Yên"));
        Assert.Equal(new DateOnly(2025, 6, 30), vietYen.ValidTo);
        Assert.True(await app.WithDbAsync(db => db.Terms.AnyAsync(t => t.StartsOn.Year == 2025 && t.EndsOn.Year == 2030)));
    }

    [Fact]
    public async Task A_later_commune_session_sits_after_the_restructuring()
    {
        var later = await app.WithDbAsync(db => db.Sessions.AsNoTracking()
            .Where(s => s.StartsAtUtc.Year == 2026 && s.Status != SessionStatus.Planned && s.Status != SessionStatus.Announced && s.Status != SessionStatus.Collecting)
            .Select(s => new { s.Id, Host = s.HostUnit!.Name, s.HostUnit.ValidFrom, Items = s.Items.Count })
            .ToListAsync());
        var commune = Assert.Single(later);
        Assert.True(commune.ValidFrom >= new DateOnly(2025, 7, 1));
        Assert.True(commune.Items > 0);
    }

    [Fact]
    public async Task The_account_of_the_successor_province_sees_the_2017_record_through_the_successor_link()
    {
        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Sessions");
        Assert.Contains("Thứ Sáu, 08/09/2017", page.Body!.TextContent);
    }

    [Fact]
    public async Task Every_follow_up_screen_has_something_to_show()
    {
        var statuses = await app.WithDbAsync(db => db.Items.Select(i => i.Status).Distinct().ToListAsync());
        Assert.Superset(new HashSet<ItemStatus>
        {
            ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested, ItemStatus.AnswerDrafted,
            ItemStatus.Approved, ItemStatus.Published, ItemStatus.Closed, ItemStatus.AnsweredAtSession,
        }, statuses.ToHashSet());

        var today = VietnamTime.Today(AppFactory.Now.UtcDateTime);
        var open = new[] { ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested };
        var dues = await app.WithDbAsync(db => db.Assignments.Join(db.Items, a => a.ItemId, i => i.Id, (a, i) => new { a.DueOn, i.Status })
            .Where(x => open.Contains(x.Status)).Select(x => x.DueOn).ToListAsync());
        Assert.Contains(dues, d => d < today);                                  // overdue
        Assert.Contains(dues, d => d >= today && d <= today.AddDays(3));        // due soon
        Assert.True(await app.WithDbAsync(db => db.ExtensionRequests.AnyAsync(r => r.Decision == ExtensionDecision.Granted)));
        Assert.True(await app.WithDbAsync(db => db.ExtensionRequests.AnyAsync(r => r.Decision == ExtensionDecision.Pending)));
        Assert.True(await app.WithDbAsync(db => db.Contributions.AnyAsync()));
        Assert.True(await app.WithDbAsync(db => db.Tasks.AnyAsync(t => t.ParentId != null)));
        Assert.True(await app.WithDbAsync(db => db.Tasks.AnyAsync(t => t.Status == DoiThoai.Web.Features.FollowUp.FollowUpStatus.Done)));
        Assert.True(await app.WithDbAsync(db => db.AnswerTemplates.CountAsync(t => t.IsActive && t.TopicId != null)) >= 3);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await app.WithDbAsync(async db => (await db.Items.CountAsync(), await db.OrgUnits.CountAsync(), await db.Users.CountAsync(), await db.History.CountAsync()));
        await using var scope = app.Services.CreateAsyncScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(printAccounts: false));
        var after = await app.WithDbAsync(async db => (await db.Items.CountAsync(), await db.OrgUnits.CountAsync(), await db.Users.CountAsync(), await db.History.CountAsync()));
        Assert.Equal(before, after);
    }
}

/// <summary>A database started with Demo:Seed off: the schema and roles, and no demo account.</summary>
public sealed class EmptyAppFactory : AppFactory
{
    protected override bool SeedDemo => false;
}

public sealed class WithoutDemoDataTests(EmptyAppFactory app) : IClassFixture<EmptyAppFactory>
{
    [Fact]
    public async Task No_demo_account_exists_unless_demo_seeding_is_on()
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.OrgUnits.CountAsync()));
        Assert.Equal(6, await app.WithDbAsync(db => db.Roles.CountAsync()));

        var response = await app.CreateClient().PostAsync("/api/v1/auth/login",
            System.Net.Http.Json.JsonContent.Create(new { userName = "admin", password = AppFactory.DemoPassword }));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
