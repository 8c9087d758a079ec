using System.Globalization;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>Arguments of a task action; each action reads only the ones it needs.</summary>
public sealed record TaskActionArgs(
    int? Progress = null, string? Note = null, string? Reason = null,
    string? Title = null, int? UnitId = null, DateOnly? DueOn = null, int? Version = null);

/// <summary>
/// What pages and the API both do with follow-up tasks: check access, check ids, call the entity's
/// transition, save (and tell the units about new tasks). The rules live on <see cref="FollowUpTask"/>.
/// Who may see a task: the secretariat whose scope covers its session, and the handlers of its unit
/// (or of a unit it succeeded). Who may change it: the secretariat; the handlers of its unit may
/// record progress and split it into sub-tasks, but not cancel or reopen it.
/// </summary>
public sealed class TaskWorkflow(AppDbContext db, UserScope scope, References refs, Notifier notifier, TimeProvider clock)
{
    /// <summary>The session action of giving a task for a conclusion later, as refusals name it.</summary>
    public const string CreateTaskAction = "create-task";

    private DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Vietnam, which "overdue" and "due soon" are measured from.</summary>
    public DateOnly Today => VietnamTime.Today(NowUtc);

    /// <summary>Tasks the caller may see; every task query starts here.</summary>
    public async Task<IQueryable<FollowUpTask>> VisibleAsync()
    {
        if (scope.IsAdmin) return db.Tasks;
        if (scope.IsSecretariat)
        {
            var sessionIds = (await scope.SessionsAsync()).Select(s => s.Id);
            return db.Tasks.Where(t => sessionIds.Contains(t.SessionId));
        }
        if (scope.IsInRole(Roles.DepartmentHandler) && await scope.OverseenUnitsAsync() is { } overseen)
        {
            var units = overseen.ToList();
            return db.Tasks.Where(t => units.Contains(t.OrgUnitId));
        }
        return db.Tasks.Where(_ => false);
    }

    /// <summary>
    /// <see cref="VisibleAsync"/> for one session the caller was already shown (found through
    /// <c>UserScope.SessionsAsync</c>): the office sees all its tasks, a handler its units' ones,
    /// without asking again whether the session is visible.
    /// </summary>
    private async Task<IQueryable<FollowUpTask>> VisibleOfShownSessionAsync(DialogueSession shown)
    {
        var ofSession = db.Tasks.Where(t => t.SessionId == shown.Id);
        if (scope.IsSecretariat) return ofSession;
        if (scope.IsInRole(Roles.DepartmentHandler) && await scope.OverseenUnitsAsync() is { } overseen)
        {
            var units = overseen.ToList();
            return ofSession.Where(t => units.Contains(t.OrgUnitId));
        }
        return ofSession.Where(_ => false);
    }

    /// <summary>
    /// A task the caller may see, with its session, conclusion, unit and timeline, and every task of
    /// its session tracked alongside, so that its parent, its sub-tasks and their progress are all
    /// there (a session has tens of tasks, not thousands). 404 otherwise.
    /// </summary>
    public async Task<FollowUpTask> FindVisibleAsync(int id)
    {
        var sessionId = await (await VisibleAsync()).Where(t => t.Id == id).Select(t => (int?)t.SessionId).SingleOrDefaultAsync()
            ?? throw new NotFoundException("Không tìm thấy nhiệm vụ.");
        var tasks = await db.Tasks.Include(t => t.OrgUnit).Where(t => t.SessionId == sessionId).ToListAsync();
        var task = tasks.Single(t => t.Id == id);
        await db.Entry(task).Reference(t => t.Session).LoadAsync();
        await db.Entry(task).Reference(t => t.Conclusion).LoadAsync();
        await db.Entry(task).Collection(t => t.Timeline).LoadAsync();
        return task;
    }

    /// <summary>Ids among <paramref name="ids"/> the caller may open (a parent or sub-task may belong to another unit).</summary>
    public async Task<IReadOnlySet<int>> VisibleIdsAsync(IReadOnlyCollection<int> ids) =>
        (await (await VisibleAsync()).Where(t => ids.Contains(t.Id)).Select(t => t.Id).ToListAsync()).ToHashSet();

    /// <summary>The office and leaders of the committee hosting the task's session.</summary>
    private async Task<bool> RunsAsync(FollowUpTask task) =>
        await scope.RunsSessionAsync(task.Session?.HostUnitId
            ?? await db.Sessions.Where(s => s.Id == task.SessionId).Select(s => s.HostUnitId).SingleAsync());

    /// <summary>The actions the caller may perform now: the entity's, narrowed by role.</summary>
    public async Task<IReadOnlyList<string>> AllowedActionsForAsync(FollowUpTask task)
    {
        var allowed = task.AllowedActions();
        if (await RunsAsync(task)) return allowed;
        if (!await IsHandlerOfAsync(task)) return [];
        return allowed.Where(HandlerMay).ToList();
    }

    public async Task<FollowUpTask> PerformAsync(int id, string action, TaskActionArgs args)
    {
        if (!FollowUpTask.Actions.All.Contains(action))
            throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {string.Join(", ", FollowUpTask.Actions.All)}.");
        var task = await FindVisibleAsync(id);
        if (!await RunsAsync(task) && !(HandlerMay(action) && await IsHandlerOfAsync(task)))
            throw new AccessDeniedException();
        // A form or client that read an older version learns what changed instead of overwriting it (ADR 0018).
        if (args.Version is { } read && read != task.Version) throw await ConflictAsync(task.Id);
        // The state is checked before the arguments: a stale form learns first that the task has moved on.
        task.EnsureCan(action);
        Check.MaxLength(args.Note, "note", "Ghi chú", TaskRules.MaxNoteLength);
        Check.MaxLength(args.Reason, "reason", "Lý do", TaskRules.MaxNoteLength);
        var actor = await scope.ActorAsync();
        var now = NowUtc;
        switch (action)
        {
            case FollowUpTask.Actions.Progress:
                task.RecordProgress(Check.Present(args.Progress, "progress", "Cần nhập tiến độ (từ 0 đến 100%)."), args.Note, actor, now);
                break;
            case FollowUpTask.Actions.AddSubtask:
                Check.MaxLength(args.Title, "title", "Nội dung nhiệm vụ con", TaskRules.MaxTitleLength);
                var unitId = Check.Present(args.UnitId, "unitId", "Cần chọn đơn vị thực hiện.");
                var dueOn = Check.Present(args.DueOn, "dueOn", "Cần nhập hạn thực hiện.");
                await refs.UnitInScopeAsync(unitId, "unitId");
                var child = task.AddSubtask(args.Title, unitId, dueOn, actor, now);
                db.Tasks.Add(child);
                await SaveOrConflictAsync(task, () => SaveAsync([child]));
                return child;
            case FollowUpTask.Actions.Cancel:
                task.Cancel(args.Reason ?? args.Note, actor, now);
                break;
            case FollowUpTask.Actions.Reopen:
                task.Reopen(args.Note ?? args.Reason, actor, now);
                break;
        }
        await SaveOrConflictAsync(task, () => db.SaveChangesAsync());
        return task;
    }

    /// <summary>A save that raced another change of the task (or of its parent) turns into the conflict.</summary>
    private async Task SaveOrConflictAsync(FollowUpTask task, Func<Task> save)
    {
        try
        {
            await save();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            throw await ConflictAsync(task.Id);
        }
    }

    /// <summary>The task's version as saved now and its latest timeline entry: who, when, what they wrote.</summary>
    private async Task<ConcurrencyConflictException> ConflictAsync(int taskId)
    {
        var version = await db.Tasks.Where(t => t.Id == taskId).Select(t => t.Version).SingleAsync();
        var last = await db.TaskTimeline.AsNoTracking().Where(x => x.TaskId == taskId)
            .OrderByDescending(x => x.AtUtc).ThenByDescending(x => x.Id).FirstOrDefaultAsync();
        return last is null
            ? new ConcurrencyConflictException(version, null, null, null, null)
            : new ConcurrencyConflictException(version, last.ActorName, last.AtUtc,
                last.Progress is null ? "Cập nhật nhiệm vụ" : TaskLabels.OfAction(FollowUpTask.Actions.Progress),
                last.Progress is { } p ? string.Create(CultureInfo.InvariantCulture, $"{p}% — {last.Note}") : last.Note);
    }

    /// <summary>
    /// Called by <see cref="SessionWorkflow"/> when the conclusions are issued: each conclusion with a
    /// lead unit and a due date becomes a task for that unit. Added to the context, saved by the
    /// caller through <see cref="SaveAsync"/> together with the session.
    /// </summary>
    public IReadOnlyList<FollowUpTask> CreateForIssuedConclusions(DialogueSession session, Actor actor, DateTime nowUtc)
    {
        var created = session.Conclusions
            .Where(c => c.LeadUnitId is not null && c.DueOn is not null)
            .OrderBy(c => c.Order)
            .Select(c => FollowUpTask.FromIssuedConclusion(session, c, actor, nowUtc))
            .ToList();
        db.Tasks.AddRange(created);
        return created;
    }

    /// <summary>
    /// A task for a conclusion issued without a unit or a date (or whose task was cancelled): the
    /// office names the unit and the date on the session page. Only while the session is followed up.
    /// </summary>
    public async Task<FollowUpTask> CreateFromConclusionAsync(int sessionId, int? conclusionId, int? unitId, DateOnly? dueOn)
    {
        var session = await (await scope.SessionsAsync()).Include(s => s.Conclusions).SingleOrDefaultAsync(s => s.Id == sessionId)
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
        if (!await scope.RunsSessionAsync(session.HostUnitId)) throw new AccessDeniedException();
        if (session.Status is not (SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp))
            throw new WorkflowException(CreateTaskAction, session.Status.ToString(), session.AllowedActions());
        var id = Check.Present(conclusionId, "conclusionId", "Cần chọn ý kiến kết luận.");
        var conclusion = session.Conclusions.SingleOrDefault(c => c.Id == id)
            ?? throw new DomainValidationException("conclusionId", "Ý kiến kết luận không thuộc hội nghị này.");
        if (await db.Tasks.AnyAsync(t => t.ConclusionId == id && t.ParentId == null && t.Status != FollowUpStatus.Cancelled))
            throw new DomainValidationException("conclusionId", "Ý kiến kết luận này đã có nhiệm vụ theo dõi.");
        var unit = Check.Present(unitId, "unitId", "Cần chọn đơn vị chủ trì thực hiện.");
        var due = Check.Present(dueOn, "dueOn", "Cần nhập hạn thực hiện.");
        await refs.UnitInScopeAsync(unit, "unitId");
        var task = FollowUpTask.FromConclusion(session, conclusion, unit, due, await scope.ActorAsync(), NowUtc);
        db.Tasks.Add(task);
        await SaveAsync([task]);
        return task;
    }

    /// <summary>
    /// Saves the pending change. When it created tasks, their units are notified after the save
    /// (a notification links to the task, so it needs the task's id) and inside the same
    /// transaction, so a change is never saved without its notifications or the other way round.
    /// </summary>
    public async Task SaveAsync(IReadOnlyCollection<FollowUpTask> created)
    {
        if (created.Count == 0)
        {
            await db.SaveChangesAsync();
            return;
        }
        // Inside a caller's transaction (an import, the seeder) that one already holds it all.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null;
        await db.SaveChangesAsync();
        foreach (var task in created) await notifier.TaskAssignedAsync(task);
        await db.SaveChangesAsync();
        if (transaction is not null) await transaction.CommitAsync();
    }

    /// <summary>The tasks of a session the caller may see, in tree order, and its conclusions still without a task.</summary>
    public async Task<(IReadOnlyList<TaskRow> Tasks, IReadOnlyList<Conclusion> WithoutTask)> ForSessionAsync(DialogueSession session)
    {
        var visible = (await VisibleOfShownSessionAsync(session))
            .OrderBy(t => t.ConclusionId == null).ThenBy(t => t.Conclusion!.Order).ThenBy(t => t.DueOn).ThenBy(t => t.Id);
        var rows = TaskProgress.InTreeOrder(await TaskRow.ListAsync(db, visible));
        if (!await scope.RunsSessionAsync(session.HostUnitId) || session.Status is not (SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp))
            return (rows, []);
        var tracked = await db.Tasks
            .Where(t => t.SessionId == session.Id && t.ConclusionId != null && t.ParentId == null && t.Status != FollowUpStatus.Cancelled)
            .Select(t => t.ConclusionId!.Value)
            .ToListAsync();
        return (rows, session.Conclusions.Where(c => !tracked.Contains(c.Id)).OrderBy(c => c.Order).ToList());
    }

    /// <summary>Handlers record progress and split their own work; cancelling and reopening stay with the office.</summary>
    private static bool HandlerMay(string action) => action is FollowUpTask.Actions.Progress or FollowUpTask.Actions.AddSubtask;

    private async Task<bool> IsHandlerOfAsync(FollowUpTask task) =>
        scope.IsInRole(Roles.DepartmentHandler) && await scope.OverseenUnitsAsync() is { } units && units.Contains(task.OrgUnitId);
}
