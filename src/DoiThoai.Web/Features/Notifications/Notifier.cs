using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Web.Features.Notifications.NotificationRows;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Writes the notifications that a change causes, into the same DbContext, so they are saved in
/// the same transaction as the change itself (the caller saves). Emails go out later from these
/// rows, according to each recipient's preference (<see cref="NotificationRows.EmailStateFor"/>).
/// The item or task must already have its id (it is in the link); the assignment or request may be new.
/// </summary>
public sealed class Notifier(AppDbContext db, TimeProvider clock, Recipients recipients)
{
    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>An item was assigned: the handlers of the lead unit and of each co-operating unit.</summary>
    public async Task ItemAssignedAsync(Item item, Assignment assignment)
    {
        RequireId(item.Id, "item");
        var handlers = await recipients.InRoleAsync(Roles.DepartmentHandler);
        var units = await UnitNamesAsync([assignment.LeadUnitId, .. assignment.CoUnits.Select(c => c.OrgUnitId)]);
        var excerpt = Excerpt(item.Text);
        var note = string.IsNullOrWhiteSpace(assignment.Note) ? "" : $"\nYêu cầu của Văn phòng: {assignment.Note.Trim()}";
        // Someone who oversees both the lead and a co-operating unit hears it once, as the lead.
        var told = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handler in handlers.Overseeing(assignment.LeadUnitId))
        {
            if (!told.Add(handler.UserId)) continue;
            Add(handler, NotificationKind.Assigned,
                $"Giao chủ trì xử lý ý kiến, kiến nghị #{item.Id}, hạn {Date(assignment.DueOn)}",
                $"{units[assignment.LeadUnitId]} được giao chủ trì xử lý ý kiến, kiến nghị #{item.Id}, hạn {Day(assignment.DueOn)}.\n" +
                $"Nội dung: {excerpt}{note}",
                item);
        }
        foreach (var co in assignment.CoUnits)
        {
            var due = co.DueOn ?? assignment.DueOn;
            foreach (var handler in handlers.Overseeing(co.OrgUnitId))
            {
                if (!told.Add(handler.UserId)) continue;
                Add(handler, NotificationKind.Assigned,
                    $"Giao phối hợp xử lý ý kiến, kiến nghị #{item.Id}, hạn {Date(due)}",
                    $"{units[co.OrgUnitId]} được giao phối hợp với {units[assignment.LeadUnitId]} xử lý ý kiến, kiến nghị #{item.Id}; " +
                    $"phần tham gia gửi trước {Day(due)}.\nNội dung: {excerpt}{note}",
                    item);
            }
        }
    }

    /// <summary>The leader decided on an extension: the handlers of the lead unit, and whoever asked for it.</summary>
    public async Task ExtensionDecidedAsync(Item item, ExtensionRequest request)
    {
        RequireId(item.Id, "item");
        var leadUnitId = item.Assignments.FirstOrDefault(a => a.Id == request.AssignmentId)?.LeadUnitId
            ?? item.CurrentAssignment?.LeadUnitId
            ?? await db.Assignments.Where(a => a.Id == request.AssignmentId).Select(a => (int?)a.LeadUnitId).SingleOrDefaultAsync();
        var to = new List<Recipient>();
        if (leadUnitId is { } lead) to.AddRange((await recipients.InRoleAsync(Roles.DepartmentHandler)).Overseeing(lead));
        if (request.RequestedByUserId is { } requester && await recipients.ByIdAsync(requester) is { } asker) to.Add(asker);

        var granted = request.Decision == ExtensionDecision.Granted;
        var title = granted
            ? $"Đồng ý gia hạn xử lý ý kiến, kiến nghị #{item.Id} đến {Date(request.GrantedDueOn ?? request.RequestedDueOn)}"
            : $"Không đồng ý gia hạn xử lý ý kiến, kiến nghị #{item.Id}";
        var body = granted
            ? $"Đề nghị gia hạn của {request.RequestedByName} đã được {request.DecidedByName} đồng ý. Hạn mới: {Day(request.GrantedDueOn ?? request.RequestedDueOn)} (hạn cũ {Date(request.CurrentDueOn)})."
            : $"Đề nghị gia hạn đến {Date(request.RequestedDueOn)} của {request.RequestedByName} không được {request.DecidedByName} đồng ý; hạn vẫn là {Day(request.CurrentDueOn)}.";
        if (!string.IsNullOrWhiteSpace(request.DecisionNote)) body += $"\nÝ kiến của lãnh đạo: {request.DecisionNote.Trim()}";
        body += $"\nNội dung: {Excerpt(item.Text)}";
        foreach (var recipient in Distinct(to))
            Add(recipient, NotificationKind.ExtensionDecided, title, body, item);
    }

    /// <summary>The leader approved an answer: the office of the host unit, and the handlers who drafted it.</summary>
    public async Task AnswerApprovedAsync(Item item)
    {
        RequireId(item.Id, "item");
        var hostUnitId = await HostUnitIdAsync(item);
        var to = (await recipients.InRoleAsync(Roles.OfficeStaff)).Overseeing(hostUnitId).ToList();
        if (item.CurrentAssignment is { } assignment)
            to.AddRange((await recipients.InRoleAsync(Roles.DepartmentHandler)).Overseeing(assignment.LeadUnitId));
        var outcome = item.Outcome is { } o ? $" Kết quả: {ItemLabels.Of(o)}." : "";
        var body = $"Câu trả lời ý kiến, kiến nghị #{item.Id} đã được {item.ApprovedBy ?? "lãnh đạo"} phê duyệt.{outcome}\n" +
                   $"Nội dung ý kiến: {Excerpt(item.Text)}\nTrả lời: {Excerpt(item.Answer, 1000)}";
        foreach (var recipient in Distinct(to))
            Add(recipient, NotificationKind.AnswerApproved, $"Đã phê duyệt câu trả lời ý kiến, kiến nghị #{item.Id}", body, item);
    }

    /// <summary>
    /// The answer was sent: the person who raised the item is asked whether it satisfies them.
    /// A speaker without an account is asked by the office, which records the reply for them.
    /// </summary>
    public async Task SatisfactionRequestedAsync(Item item)
    {
        RequireId(item.Id, "item");
        var answer = $"Trả lời: {Excerpt(item.Answer, 1000)}";
        var accounts = item.RaisedByPersonId is { } personId ? await recipients.ForPersonAsync(personId) : [];
        if (accounts.Count > 0)
        {
            foreach (var account in accounts)
                Add(account, NotificationKind.SatisfactionRequested,
                    $"Đề nghị cho biết ý kiến về câu trả lời ý kiến, kiến nghị #{item.Id}",
                    $"Ý kiến, kiến nghị #{item.Id} của đồng chí đã được trả lời. Đề nghị đồng chí cho biết đồng ý hay chưa đồng ý với câu trả lời.\n" +
                    $"Nội dung ý kiến: {Excerpt(item.Text)}\n{answer}",
                    item);
            return;
        }
        var speaker = item.RaisedByPerson?.FullName ?? item.SpeakerName
            ?? (item.RaisedByPersonId is { } id ? await db.People.Where(p => p.Id == id).Select(p => p.FullName).SingleOrDefaultAsync() : null)
            ?? "người nêu ý kiến";
        var office = (await recipients.InRoleAsync(Roles.OfficeStaff)).Overseeing(await HostUnitIdAsync(item));
        foreach (var clerk in office)
            Add(clerk, NotificationKind.SatisfactionRequested,
                $"Lấy ý kiến người nêu về câu trả lời ý kiến, kiến nghị #{item.Id}",
                $"{speaker} chưa có tài khoản trên hệ thống. Đề nghị Văn phòng liên hệ, lấy ý kiến đồng ý hay chưa đồng ý với câu trả lời và ghi nhận thay.\n" +
                $"Nội dung ý kiến: {Excerpt(item.Text)}\n{answer}",
                item);
    }

    /// <summary>A follow-up task was given to a unit: its handlers. Call it once the task is saved (it needs its id).</summary>
    public async Task TaskAssignedAsync(FollowUpTask task)
    {
        RequireId(task.Id, "task");
        var units = await UnitNamesAsync([task.OrgUnitId]);
        foreach (var handler in (await recipients.InRoleAsync(Roles.DepartmentHandler)).Overseeing(task.OrgUnitId))
            db.Notifications.Add(New(handler, NotificationKind.Assigned,
                $"Giao nhiệm vụ: {Excerpt(task.Title, 120)}, hạn {Date(task.DueOn)}",
                $"{units[task.OrgUnitId]} được giao thực hiện nhiệm vụ theo kết luận hội nghị, hạn {Day(task.DueOn)}.\nNhiệm vụ: {Excerpt(task.Title, 2000)}",
                TaskLink(task.Id), NowUtc, taskId: task.Id));
    }

    private void Add(Recipient to, NotificationKind kind, string title, string body, Item item) =>
        db.Notifications.Add(New(to, kind, title, body, ItemLink(item.Id), NowUtc, itemId: item.Id));

    private static IEnumerable<Recipient> Distinct(IEnumerable<Recipient> to) => to.DistinctBy(r => r.UserId);

    private async Task<int> HostUnitIdAsync(Item item) =>
        item.Session?.HostUnitId ?? await db.Sessions.Where(s => s.Id == item.SessionId).Select(s => s.HostUnitId).SingleAsync();

    private async Task<Dictionary<int, string>> UnitNamesAsync(IReadOnlyCollection<int> ids) =>
        await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);

    // Links and reminders point at the record by id; an unsaved one has none yet.
    private static void RequireId(int id, string what)
    {
        if (id == 0)
            throw new InvalidOperationException($"Save the {what} before notifying about it: the notification links to it by id.");
    }
}
