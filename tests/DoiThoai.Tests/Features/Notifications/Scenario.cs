using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Notifications;

/// <summary>Puts items into the states the notification tests need, through the entity's own transitions.</summary>
public static class Scenario
{
    public static readonly Actor Office = new(null, "Văn phòng (kiểm thử)");

    public static readonly DateOnly Today = new(2026, 11, 27); // Friday; AppFactory's clock

    /// <summary>
    /// Assigns a new item to the units with the given codes and, like ItemWorkflow, lets the
    /// Notifier write the notifications before the one save.
    /// </summary>
    public static Task<(int ItemId, int AssignmentId)> AssignAsync(this NotificationsApp app, string leadCode, string[] coCodes, DateOnly dueOn,
        bool notify = true, DateOnly? coDueOn = null) =>
        app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AppDbContext>();
            var now = app.Clock.GetUtcNow().UtcDateTime;
            var item = await AssignableAsync(db, now);
            var lead = await UnitIdAsync(db, leadCode);
            var co = new List<int>();
            foreach (var code in coCodes) co.Add(await UnitIdAsync(db, code));
            var assignment = item.AssignTo(lead, co, dueOn, "Báo cáo kết quả bằng văn bản.", Office, now, coDueOn);
            if (notify) await services.GetRequiredService<Notifier>().ItemAssignedAsync(item, assignment);
            await db.SaveChangesAsync();
            return (item.Id, assignment.Id);
        });

    /// <summary>Moves an assignment's deadline (the way a granted extension would), e.g. into the past to make it overdue.</summary>
    public static Task SetDueOnAsync(this AppFactory app, int assignmentId, DateOnly dueOn) =>
        app.WithDbAsync(db => db.Assignments.Where(a => a.Id == assignmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, dueOn)));

    /// <summary>
    /// A new item raised after a session that is being followed up, classified and ready to assign
    /// (saved, so it has its id) — a fresh one each time, whatever state the demo items are in.
    /// </summary>
    public static async Task<Item> AssignableAsync(AppDbContext db, DateTime nowUtc)
    {
        var open = new[] { SessionStatus.Held, SessionStatus.MinutesDone, SessionStatus.ConclusionsIssued, SessionStatus.FollowingUp };
        var session = await db.Sessions.Where(s => open.Contains(s.Status)).OrderBy(s => s.Id).FirstAsync();
        var number = (await db.Items.Where(i => i.SessionId == session.Id).MaxAsync(i => (int?)i.Number) ?? 0) + 1;
        var topic = await db.Topics.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var item = Item.Raise(session, number, new ItemDetails(ItemKind.Recommendation, RaisedStage.AfterSession, null,
            "Bí thư chi bộ thôn (kiểm thử)", null, topic, Urgency.Normal, Confidentiality.Internal,
            $"Kiến nghị số {number}: đề nghị hướng dẫn thủ tục chuyển sinh hoạt đảng cho đảng viên cao tuổi."), Office, nowUtc);
        db.Items.Add(item);
        await db.SaveChangesAsync();
        item.Classify(topic, item.Kind, item.Urgency, item.Confidentiality, Office, nowUtc);
        return item;
    }

    public static Task<int> UnitIdAsync(AppDbContext db, string code) =>
        db.OrgUnits.Where(u => u.Code == code).Select(u => u.Id).SingleAsync();

    public static Task<List<Notification>> NotificationsAsync(this AppFactory app, Func<IQueryable<Notification>, IQueryable<Notification>>? filter = null) =>
        app.WithDbAsync(db => (filter ?? (q => q))(db.Notifications.AsNoTracking()).OrderBy(n => n.Id).ToListAsync());

    /// <summary>The fake clock set to a Vietnam local time.</summary>
    public static void SetVietnamTime(this AppFactory app, DateOnly day, int hour, int minute = 0) =>
        app.Clock.SetUtcNow(new DateTimeOffset(VietnamTime.ToUtc(day.ToDateTime(new TimeOnly(hour, minute))), TimeSpan.Zero));
}
