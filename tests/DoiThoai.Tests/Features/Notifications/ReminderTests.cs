using DoiThoai.Web.Data;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>
/// Due-soon and overdue reminders: for open assignments (lead and co-operating units) and open
/// tasks, one per handler per record per day, counted on the working-day calendar
/// (DueSoonDays = 3: on Friday 27/11/2026 "soon" runs to Wednesday 2/12).
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly NotificationsApp app = new(TestSmtpServer.FreePort());

    public Task InitializeAsync() => app.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)app).DisposeAsync();

    private Task<int> RunReminderJobAsync() => app.InScopeAsync(s => s.GetRequiredService<ReminderJob>().RunOnceAsync());

    private Task<int> ScanAsync() => app.InScopeAsync(s => s.GetRequiredService<ReminderJob>().ScanAsync());

    private async Task<List<Notification>> RemindersAsync(string userId, int? itemId = null, int? taskId = null) =>
        await app.NotificationsAsync(q => q.Where(n => n.UserId == userId && (n.Kind == NotificationKind.DueSoon || n.Kind == NotificationKind.Overdue)
                                                      && (itemId == null || n.ItemId == itemId) && (taskId == null || n.TaskId == taskId)));

    private Task<int> TaskAsync(string unitCode, DateOnly dueOn, FollowUpStatus status = FollowUpStatus.Open) =>
        app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var task = new FollowUpTask
            {
                SessionId = await db.Sessions.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(),
                Title = "Tổng hợp danh sách đảng viên chưa chuyển sinh hoạt sau sắp xếp.",
                OrgUnitId = await Scenario.UnitIdAsync(db, unitCode),
                DueOn = dueOn,
                Status = status,
                CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            };
            db.Tasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });

    [Fact]
    public async Task Due_soon_and_overdue_assignments_and_tasks_are_reminded_once_a_day()
    {
        var handler = await app.UserIdAsync("bantochuc");
        var soon = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 1), notify: false);      // Tuesday
        var overdue = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 15), notify: false);
        await app.SetDueOnAsync(overdue.AssignmentId, new DateOnly(2026, 11, 20));
        var later = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 12, 3), notify: false);     // 4 working days away
        var coOperating = await app.AssignAsync(New.InternalAffairs, [New.Organisation], new DateOnly(2026, 12, 15), notify: false, coDueOn: new DateOnly(2026, 11, 30));
        var contributed = await app.AssignAsync(New.InternalAffairs, [New.Organisation], new DateOnly(2026, 12, 15), notify: false, coDueOn: new DateOnly(2026, 11, 30));
        var handedBack = await app.AssignAsync(New.Organisation, [], new DateOnly(2026, 11, 30), notify: false);
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var organisation = await Scenario.UnitIdAsync(db, New.Organisation);
            var c = await db.Items.Include(i => i.Assignments).ThenInclude(a => a.CoUnits).SingleAsync(i => i.Id == contributed.ItemId);
            c.Contribute(organisation, "Ban Tổ chức đã gửi số liệu phần việc của mình.", Scenario.Office, now);
            var h = await db.Items.Include(i => i.Assignments).SingleAsync(i => i.Id == handedBack.ItemId);
            h.ReturnToOffice("Không thuộc chức năng của Ban.", Scenario.Office, now);
            await db.SaveChangesAsync();
        });
        var taskSoon = await TaskAsync(New.Organisation, new DateOnly(2026, 11, 30));
        var taskDone = await TaskAsync(New.Organisation, new DateOnly(2026, 11, 30), FollowUpStatus.Done);

        Assert.True(await RunReminderJobAsync() > 0);

        var dueSoon = Assert.Single(await RemindersAsync(handler, soon.ItemId));
        Assert.Equal(NotificationKind.DueSoon, dueSoon.Kind);
        Assert.Equal($"due-soon:assignment:{soon.AssignmentId}:{handler}:2026-11-27", dueSoon.DedupKey);
        Assert.Equal($"Sắp đến hạn: ý kiến, kiến nghị #{soon.ItemId}, hạn 01/12/2026", dueSoon.Title);
        Assert.Contains("còn 4 ngày, hạn Thứ Ba, 01/12/2026", dueSoon.Body);
        Assert.Equal($"/Items/{soon.ItemId}", dueSoon.Link);
        Assert.Equal(EmailState.Pending, dueSoon.Email);

        var late = Assert.Single(await RemindersAsync(handler, overdue.ItemId));
        Assert.Equal(NotificationKind.Overdue, late.Kind);
        Assert.Equal($"overdue:assignment:{overdue.AssignmentId}:{handler}:2026-11-27", late.DedupKey);
        Assert.Equal($"Quá hạn: ý kiến, kiến nghị #{overdue.ItemId}, hạn 20/11/2026", late.Title);
        Assert.Contains("đã quá hạn 7 ngày", late.Body);

        var co = Assert.Single(await RemindersAsync(handler, coOperating.ItemId));
        Assert.Contains("phối hợp với", co.Body);
        Assert.Contains("hạn 30/11/2026", co.Title);

        var task = Assert.Single(await RemindersAsync(handler, taskId: taskSoon));
        Assert.Equal($"/Tasks/{taskSoon}", task.Link);
        Assert.Equal($"due-soon:task:{taskSoon}:{handler}:2026-11-27", task.DedupKey);

        Assert.Empty(await RemindersAsync(handler, later.ItemId));
        Assert.Empty(await RemindersAsync(handler, contributed.ItemId));
        Assert.Empty(await RemindersAsync(handler, handedBack.ItemId));
        Assert.Empty(await RemindersAsync(handler, taskId: taskDone));

        // Again the same day: the lease says it ran, and a forced scan finds every reminder written.
        Assert.Equal(0, await RunReminderJobAsync());
        Assert.Equal(0, await ScanAsync());
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await RunReminderJobAsync());
        Assert.Single(await RemindersAsync(handler, soon.ItemId));

        // The next day (a Saturday): one more each, with the new date in its key.
        app.SetVietnamTime(new DateOnly(2026, 11, 28), 9, 0);
        Assert.True(await RunReminderJobAsync() > 0);
        foreach (var itemId in new[] { soon.ItemId, overdue.ItemId, coOperating.ItemId })
        {
            var reminders = await RemindersAsync(handler, itemId);
            Assert.Equal(2, reminders.Count);
            Assert.EndsWith(":2026-11-28", reminders[1].DedupKey);
        }
        Assert.Equal(2, (await RemindersAsync(handler, taskId: taskSoon)).Count);
        Assert.Empty(await RemindersAsync(handler, later.ItemId));

        // Monday 30/11: three working days reach Thursday 3/12.
        app.SetVietnamTime(new DateOnly(2026, 11, 30), 8, 0);
        await RunReminderJobAsync();
        Assert.Contains("còn 3 ngày", Assert.Single(await RemindersAsync(handler, later.ItemId)).Body);
        Assert.Contains("hạn là hôm nay", (await RemindersAsync(handler, coOperating.ItemId)).Last().Body);
    }

    [Fact]
    public async Task The_reminder_lease_lets_one_scan_through_per_interval()
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        await app.InScopeAsync(async services =>
        {
            var leases = services.GetRequiredService<JobLeases>();
            Assert.True(await leases.TryAcquireAsync("test-job", "node-a", now, TimeSpan.FromMinutes(5), now));
            // Held by node-a: nobody else, not even node-a's own second attempt before it completes.
            Assert.False(await leases.TryAcquireAsync("test-job", "node-b", now, TimeSpan.FromMinutes(5), now));
            await leases.CompleteAsync("test-job", "node-a", now);
            // Completed at "now": a run that wants the last one before "now" must wait.
            Assert.False(await leases.TryAcquireAsync("test-job", "node-b", now, TimeSpan.FromMinutes(5), now));
            Assert.True(await leases.TryAcquireAsync("test-job", "node-b", now.AddHours(1), TimeSpan.FromMinutes(5), now.AddMinutes(1)));
            // A holder that died: its lease expires and another node takes over.
            Assert.False(await leases.TryAcquireAsync("test-job", "node-a", now.AddHours(1).AddMinutes(4), TimeSpan.FromMinutes(5), now.AddHours(2)));
            Assert.True(await leases.TryAcquireAsync("test-job", "node-a", now.AddHours(1).AddMinutes(5), TimeSpan.FromMinutes(5), now.AddHours(2)));
        });
    }
}
