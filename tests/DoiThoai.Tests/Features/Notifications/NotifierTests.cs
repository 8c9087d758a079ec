using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>The app with email switched on but no mail server: enough to see which rows the Notifier writes.</summary>
public sealed class NotifierApp() : NotificationsApp(TestSmtpServer.FreePort());

/// <summary>
/// Who the Notifier tells about what, with which text and link, and whether each row waits for an
/// email, a digest or nothing — by the recipient's unit (overseen units, successors included) and
/// preference. The caller saves; these tests save like the workflows do.
/// </summary>
public sealed class NotifierTests(NotifierApp app) : IClassFixture<NotifierApp>
{
    [Fact]
    public async Task Assignment_tells_the_handlers_of_the_lead_and_cooperating_units_once_each()
    {
        var ward = await app.AddUserAsync("nt_ward_handler", Roles.DepartmentHandler, New.Nenh);        // oversees the ward's commissions
        var building = await app.AddUserAsync("nt_bxdd_handler", Roles.DepartmentHandler, New.NenhPartyBuilding);
        var province = await app.AddUserAsync("nt_province_handler", Roles.DepartmentHandler, New.Province); // oversees both units
        var other = await app.AddUserAsync("nt_btgdv_handler", Roles.DepartmentHandler, New.PropagandaMassMobilisation);
        var office = await app.UserIdAsync("vanphong");
        var handler = await app.UserIdAsync("bantochuc");

        var (itemId, _) = await app.AssignAsync(New.Organisation, [New.NenhPartyBuilding], new DateOnly(2026, 12, 15), coDueOn: new DateOnly(2026, 12, 8));

        var rows = await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId));
        Assert.All(rows, n =>
        {
            Assert.Equal(NotificationKind.Assigned, n.Kind);
            Assert.Equal($"/Items/{itemId}", n.Link);
            Assert.Null(n.DedupKey);
            Assert.Equal(AppFactory.Now.UtcDateTime, n.CreatedAtUtc);
        });
        Assert.Equal(new[] { building, handler, province, ward }.Order(), rows.Select(n => n.UserId).Order());
        var lead = rows.Single(n => n.UserId == handler);
        Assert.Equal($"Giao chủ trì xử lý ý kiến, kiến nghị #{itemId}, hạn 15/12/2026", lead.Title);
        Assert.Contains("Ban Tổ chức", lead.Body);
        Assert.Contains("Thứ Ba, 15/12/2026", lead.Body);
        Assert.Contains("Yêu cầu của Văn phòng: Báo cáo kết quả bằng văn bản.", lead.Body);
        // Whoever oversees both units hears it once, as the lead unit.
        Assert.StartsWith("Giao chủ trì", rows.Single(n => n.UserId == province).Title);
        foreach (var co in new[] { ward, building })
            Assert.Equal($"Giao phối hợp xử lý ý kiến, kiến nghị #{itemId}, hạn 08/12/2026", rows.Single(n => n.UserId == co).Title);
        Assert.DoesNotContain(rows, n => n.UserId == other || n.UserId == office);
    }

    [Fact]
    public async Task A_unit_merged_into_a_successor_is_handled_by_the_successors_handlers()
    {
        var (itemId, _) = await app.AssignAsync(Old.Organisation, [], new DateOnly(2026, 12, 15));
        var rows = await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId));
        var handler = await app.UserIdAsync("bantochuc");
        Assert.Contains(rows, n => n.UserId == handler);
    }

    [Fact]
    public async Task The_email_state_follows_each_recipients_preference()
    {
        var now = await app.AddUserAsync("nt_now", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.Immediately);
        var digest = await app.AddUserAsync("nt_digest", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.DailyDigest);
        var off = await app.AddUserAsync("nt_off", Roles.DepartmentHandler, New.InternalAffairs, delivery: EmailDelivery.Off);
        var noAddress = await app.AddUserAsync("nt_noaddress", Roles.DepartmentHandler, New.InternalAffairs, email: "");
        var inactive = await app.AddUserAsync("nt_inactive", Roles.DepartmentHandler, New.InternalAffairs);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == inactive).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));

        var (itemId, _) = await app.AssignAsync(New.InternalAffairs, [], new DateOnly(2026, 12, 15));

        var rows = (await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId))).ToDictionary(n => n.UserId);
        Assert.Equal(EmailState.Pending, rows[now].Email);
        Assert.Equal(AppFactory.Now.UtcDateTime, rows[now].NextAttemptAtUtc);
        Assert.Equal(EmailState.InDigest, rows[digest].Email);
        Assert.Null(rows[digest].NextAttemptAtUtc);
        Assert.Equal(EmailState.NotNeeded, rows[off].Email);
        Assert.Equal(EmailState.NotNeeded, rows[noAddress].Email);
        Assert.False(rows.ContainsKey(inactive));
    }

    [Fact]
    public async Task Satisfaction_is_asked_of_the_person_who_raised_the_item_or_else_of_the_office()
    {
        var member = await app.UserIdAsync("dangvien");
        var office = await app.UserIdAsync("vanphong");
        var (ownId, recordedId) = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var personId = await db.Users.Where(u => u.Id == member).Select(u => u.PersonId).SingleAsync();
            var own = await db.Items.Include(i => i.Session).FirstAsync(i => i.RaisedByPersonId == personId);
            var recorded = await db.Items.Include(i => i.Session).FirstAsync(i => i.RaisedByPersonId == null && i.SpeakerName != null);
            var notifier = services.GetRequiredService<Notifier>();
            await notifier.SatisfactionRequestedAsync(own);
            await notifier.SatisfactionRequestedAsync(recorded);
            await db.SaveChangesAsync();
            return (own.Id, recorded.Id);
        });

        var own = Assert.Single(await app.NotificationsAsync(q => q.Where(n => n.ItemId == ownId && n.Kind == NotificationKind.SatisfactionRequested)));
        Assert.Equal(member, own.UserId);
        Assert.Equal($"Đề nghị cho biết ý kiến về câu trả lời ý kiến, kiến nghị #{ownId}", own.Title);
        Assert.Contains("đồng ý hay chưa đồng ý", own.Body);

        var forOffice = await app.NotificationsAsync(q => q.Where(n => n.ItemId == recordedId && n.Kind == NotificationKind.SatisfactionRequested));
        Assert.Contains(forOffice, n => n.UserId == office);
        Assert.DoesNotContain(forOffice, n => n.UserId == member);
        Assert.Contains("chưa có tài khoản", forOffice[0].Body);
    }

    [Fact]
    public async Task An_approved_answer_is_told_to_the_office_and_the_lead_units_handlers()
    {
        var (itemId, _) = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 15), notify: false);
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var item = await db.Items.Include(i => i.Assignments).SingleAsync(i => i.Id == itemId);
            await services.GetRequiredService<Notifier>().AnswerApprovedAsync(item);
            await db.SaveChangesAsync();
        });
        var rows = await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId));
        Assert.Equal(new[] { await app.UserIdAsync("bantochuc"), await app.UserIdAsync("vanphong") }.Order(), rows.Select(n => n.UserId).Order());
        Assert.All(rows, n => Assert.Equal($"Đã phê duyệt câu trả lời ý kiến, kiến nghị #{itemId}", n.Title));
    }

    [Fact]
    public async Task An_extension_decision_is_told_to_the_lead_units_handlers_and_whoever_asked()
    {
        var asker = await app.AddUserAsync("nt_asker", Roles.DepartmentHandler, Old.Propaganda);
        var (itemId, assignmentId) = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 15), notify: false);
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var item = await db.Items.Include(i => i.Assignments).SingleAsync(i => i.Id == itemId);
            var request = new ExtensionRequest
            {
                AssignmentId = assignmentId, CurrentDueOn = new(2026, 12, 15), RequestedDueOn = new(2027, 1, 15),
                Reason = "Chờ số liệu", RequestedByUserId = asker, RequestedByName = "nt_asker",
                Decision = ExtensionDecision.Granted, GrantedDueOn = new(2027, 1, 8), DecidedByName = "Trịnh Quốc Bảo", DecisionNote = "Không gia hạn thêm.",
            };
            await services.GetRequiredService<Notifier>().ExtensionDecidedAsync(item, request);
            await db.SaveChangesAsync();
        });
        var rows = await app.NotificationsAsync(q => q.Where(n => n.ItemId == itemId));
        Assert.Equal(new[] { asker, await app.UserIdAsync("bantochuc") }.Order(), rows.Select(n => n.UserId).Order());
        Assert.All(rows, n =>
        {
            Assert.Equal(NotificationKind.ExtensionDecided, n.Kind);
            Assert.Equal($"Đồng ý gia hạn xử lý ý kiến, kiến nghị #{itemId} đến 08/01/2027", n.Title);
            Assert.Contains("Ý kiến của lãnh đạo: Không gia hạn thêm.", n.Body);
        });
    }

    [Fact]
    public async Task A_task_is_told_to_its_units_handlers_with_a_link_to_the_task_once_it_is_saved()
    {
        var taskId = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var task = new FollowUpTask
            {
                SessionId = await db.Sessions.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                Title = "Rà soát, đề xuất chế độ phụ cấp cho bí thư chi bộ thôn sau sáp nhập.",
                OrgUnitId = await Scenario.UnitIdAsync(db, New.Organisation),
                DueOn = new DateOnly(2026, 12, 31),
                Status = FollowUpStatus.Open,
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Tasks.Add(task);
            var notifier = services.GetRequiredService<Notifier>();
            await Assert.ThrowsAsync<InvalidOperationException>(() => notifier.TaskAssignedAsync(task)); // no id yet
            await db.SaveChangesAsync();
            await notifier.TaskAssignedAsync(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        var handler = await app.UserIdAsync("bantochuc");
        var row = Assert.Single(await app.NotificationsAsync(q => q.Where(n => n.TaskId == taskId && n.UserId == handler)));
        Assert.Equal($"/Tasks/{taskId}", row.Link);
        Assert.Equal("Giao nhiệm vụ: Rà soát, đề xuất chế độ phụ cấp cho bí thư chi bộ thôn sau sáp nhập., hạn 31/12/2026", row.Title);
    }

    [Fact]
    public void Every_label_has_an_english_translation()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "DoiThoai.Web", "Infrastructure", "SharedResource.en.resx");
        var english = System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(d => d.Attribute("name")!.Value).ToHashSet();
        var labels = Enum.GetValues<NotificationKind>().Select(NotificationLabels.Of)
            .Concat(Enum.GetValues<EmailDelivery>().Select(NotificationLabels.Of))
            .Concat(Enum.GetValues<EmailState>().Select(NotificationLabels.Of));
        Assert.All(labels, label => Assert.Contains(label, english));
    }
}
