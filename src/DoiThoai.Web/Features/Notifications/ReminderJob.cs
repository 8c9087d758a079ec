using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using Microsoft.Extensions.Options;
using static DoiThoai.Web.Features.Notifications.NotificationRows;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Reminds handlers of assignments and follow-up tasks that are due soon or overdue: one
/// notification per handler, per record and per day. Two defences keep it to one even with
/// several app nodes: normally only the node holding the "reminders" lease scans at all, and each
/// reminder carries a unique <see cref="Notification.DedupKey"/>
/// ("due-soon:assignment:{id}:{user}:{yyyy-MM-dd}"), so a second scan on the same day, by
/// whichever node, adds nothing and fails nothing.
/// </summary>
public sealed class ReminderJob(
    AppDbContext db,
    TimeProvider clock,
    Recipients recipients,
    JobLeases leases,
    WorkingCalendar calendar,
    NotificationNode node,
    IOptions<NotificationOptions> options,
    ILogger<ReminderJob> log)
{
    public const string LeaseName = "reminders";

    /// <summary>Items in these states still wait for their handlers, so their deadline still matters.</summary>
    public static readonly IReadOnlyList<ItemStatus> OpenStates =
        [ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested, ItemStatus.AnswerDrafted];

    private NotificationOptions Options => options.Value;

    /// <summary>Scans if this node gets the lease and no node scanned within the last <see cref="NotificationOptions.ReminderMinutes"/>.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var interval = TimeSpan.FromMinutes(Math.Max(1, Options.ReminderMinutes));
        if (!await leases.TryAcquireAsync(LeaseName, node.Id, now, TimeSpan.FromMinutes(Math.Max(1, Options.LeaseMinutes)), now - interval, ct))
            return 0;
        try
        {
            var created = await ScanAsync(ct);
            await leases.CompleteAsync(LeaseName, node.Id, clock.GetUtcNow().UtcDateTime, ct);
            return created;
        }
        catch
        {
            await leases.ReleaseAsync(LeaseName, node.Id, clock.GetUtcNow().UtcDateTime, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Writes today's missing reminders and returns how many it wrote. Safe to run on several nodes
    /// at once: a reminder another node wrote first is skipped.
    /// </summary>
    public async Task<int> ScanAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(now);
        var soonUntil = (await calendar.CurrentAsync(ct)).AddWorkingDays(today, Math.Max(0, Options.DueSoonDays));
        var handlers = await recipients.InRoleAsync(Roles.DepartmentHandler, ct);
        var reminders = new Dictionary<string, Notification>(StringComparer.Ordinal);

        await AddAssignmentRemindersAsync(reminders, handlers, today, soonUntil, now, ct);
        await AddTaskRemindersAsync(reminders, handlers, today, soonUntil, now, ct);

        var created = await InsertNewAsync(reminders.Values.ToList(), ct);
        if (created > 0) log.LogInformation("Reminders: {Created} new of {Candidates} due today", created, reminders.Count);
        return created;
    }

    private async Task AddAssignmentRemindersAsync(Dictionary<string, Notification> reminders, RoleMembers handlers,
        DateOnly today, DateOnly soonUntil, DateTime now, CancellationToken ct)
    {
        var open = OpenStates.ToList();
        // The current assignment of each open item: the latest one (a re-assignment replaces the earlier).
        var assignments = await (
                from i in db.Items.AsNoTracking()
                where open.Contains(i.Status)
                from a in i.Assignments
                where a.AssignedAtUtc == i.Assignments.Max(x => x.AssignedAtUtc)
                      && (a.DueOn <= soonUntil || a.CoUnits.Any(c => c.DueOn != null && c.DueOn <= soonUntil))
                orderby a.Id
                select new { ItemId = i.Id, i.Text, AssignmentId = a.Id, a.LeadUnitId, a.DueOn })
            .ToListAsync(ct);
        if (assignments.Count == 0) return;

        var assignmentIds = assignments.Select(a => a.AssignmentId).ToList();
        var itemIds = assignments.Select(a => a.ItemId).ToList();
        var coUnits = (await db.Set<AssignmentCoUnit>().AsNoTracking().Where(c => assignmentIds.Contains(c.AssignmentId))
            .Select(c => new { c.AssignmentId, c.OrgUnitId, c.DueOn }).ToListAsync(ct)).ToLookup(c => c.AssignmentId);
        // A co-operating unit that has sent its part is not chased any more.
        var contributed = (await db.Contributions.AsNoTracking().Where(c => itemIds.Contains(c.ItemId))
            .Select(c => new { c.ItemId, c.OrgUnitId }).Distinct().ToListAsync(ct)).Select(c => (c.ItemId, c.OrgUnitId)).ToHashSet();
        var unitIds = assignments.Select(a => a.LeadUnitId).Concat(coUnits.SelectMany(g => g.Select(c => c.OrgUnitId))).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        foreach (var a in assignments)
        {
            var what = $"ý kiến, kiến nghị #{a.ItemId}";
            var content = $"\nNội dung: {Excerpt(a.Text)}";
            if (a.DueOn <= soonUntil)
            {
                foreach (var handler in handlers.Overseeing(a.LeadUnitId))
                    Remind(reminders, handler, "assignment", a.AssignmentId, a.DueOn, today, now, what,
                        $"{units[a.LeadUnitId]} chủ trì xử lý {what}", content, ItemLink(a.ItemId), itemId: a.ItemId);
            }
            foreach (var co in coUnits[a.AssignmentId])
            {
                var due = co.DueOn ?? a.DueOn;
                if (due > soonUntil || contributed.Contains((a.ItemId, co.OrgUnitId))) continue;
                foreach (var handler in handlers.Overseeing(co.OrgUnitId))
                    Remind(reminders, handler, "assignment", a.AssignmentId, due, today, now, what,
                        $"{units[co.OrgUnitId]} phối hợp với {units[a.LeadUnitId]} xử lý {what}", content, ItemLink(a.ItemId), itemId: a.ItemId);
            }
        }
    }

    private async Task AddTaskRemindersAsync(Dictionary<string, Notification> reminders, RoleMembers handlers,
        DateOnly today, DateOnly soonUntil, DateTime now, CancellationToken ct)
    {
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => t.Status == FollowUpStatus.Open && t.DueOn <= soonUntil)
            .OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Title, t.OrgUnitId, UnitName = t.OrgUnit!.Name, t.DueOn })
            .ToListAsync(ct);
        foreach (var t in tasks)
        {
            foreach (var handler in handlers.Overseeing(t.OrgUnitId))
                Remind(reminders, handler, "task", t.Id, t.DueOn, today, now, $"nhiệm vụ #{t.Id}",
                    $"{t.UnitName} thực hiện nhiệm vụ #{t.Id}", $"\nNhiệm vụ: {Excerpt(t.Title)}", TaskLink(t.Id), taskId: t.Id);
        }
    }

    /// <summary>
    /// One reminder for one handler. The key has no unit in it: whoever oversees both the lead and a
    /// co-operating unit gets one reminder a day per record, the first one found (the lead's).
    /// </summary>
    private static void Remind(Dictionary<string, Notification> reminders, Recipient handler, string recordKind, int recordId,
        DateOnly due, DateOnly today, DateTime now, string what, string who, string content, string link, int? itemId = null, int? taskId = null)
    {
        var overdue = due < today;
        var key = $"{(overdue ? "overdue" : "due-soon")}:{recordKind}:{recordId}:{handler.UserId}:{today:yyyy-MM-dd}";
        if (reminders.ContainsKey(key)) return;
        var days = Math.Abs(due.DayNumber - today.DayNumber);
        var (kind, title, body) = overdue
            ? (NotificationKind.Overdue,
                $"Quá hạn: {what}, hạn {Date(due)}",
                $"{who}: đã quá hạn {days} ngày (hạn {Day(due)}).")
            : (NotificationKind.DueSoon,
                $"Sắp đến hạn: {what}, hạn {Date(due)}",
                days == 0 ? $"{who}: hạn là hôm nay, {Day(due)}." : $"{who}: còn {days} ngày, hạn {Day(due)}.");
        reminders[key] = New(handler, kind, title, body + content, link, now, itemId, taskId, key);
    }

    /// <summary>
    /// Inserts the reminders no node has written yet. Normally one batch; if another node wrote
    /// some in the meantime the batch hits the unique key, and the rows are then inserted one by
    /// one, each duplicate skipped.
    /// </summary>
    private async Task<int> InsertNewAsync(List<Notification> candidates, CancellationToken ct)
    {
        var fresh = new List<Notification>();
        foreach (var chunk in candidates.Chunk(500))
        {
            var keys = chunk.Select(n => n.DedupKey!).ToList();
            var existing = (await db.Notifications.AsNoTracking().Where(n => n.DedupKey != null && keys.Contains(n.DedupKey))
                .Select(n => n.DedupKey!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            fresh.AddRange(chunk.Where(n => !existing.Contains(n.DedupKey!)));
        }
        if (fresh.Count == 0) return 0;

        db.Notifications.AddRange(fresh);
        try
        {
            await db.SaveChangesAsync(ct);
            return fresh.Count;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
        }
        var created = 0;
        foreach (var reminder in fresh)
        {
            reminder.Id = 0;
            db.Notifications.Add(reminder);
            try
            {
                await db.SaveChangesAsync(ct);
                created++;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Written by another node a moment ago: exactly what we wanted.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return created;
    }
}

/// <summary>This app node's name in leases and claims: unique per process and per app instance.</summary>
public sealed class NotificationNode
{
    public string Id { get; } =
        $"{(Environment.MachineName.Length > 40 ? Environment.MachineName[..40] : Environment.MachineName)}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
}
