using System.Globalization;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.FollowUp;

public enum FollowUpStatus { Open, Done, Cancelled }

/// <summary>
/// A direction from the leader's conclusions turned into work for a unit: a deadline, progress in
/// per cent, a dated timeline and sub-tasks. A parent's progress is computed from its children.
/// </summary>
public sealed class FollowUpTask
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public DialogueSession? Session { get; set; }
    public int? ConclusionId { get; set; }
    public Conclusion? Conclusion { get; set; }
    public int? ParentId { get; set; }
    public FollowUpTask? Parent { get; set; }
    public List<FollowUpTask> Children { get; set; } = [];
    public string Title { get; set; } = "";
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public DateOnly DueOn { get; set; }
    /// <summary>The task's own progress (0–100); for a parent, see <see cref="ComputedProgress"/>.</summary>
    public int Progress { get; set; }
    public FollowUpStatus Status { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
    public List<TaskTimelineEntry> Timeline { get; set; } = [];
    /// <summary>Bumped with every timeline entry and a concurrency token: a stale form is refused, not applied (ADR 0018).</summary>
    public int Version { get; set; }

    /// <summary>A leaf reports its own progress; a parent the average of its children's (cancelled ones left out).</summary>
    public int ComputedProgress()
    {
        var counted = Children.Where(c => c.Status != FollowUpStatus.Cancelled).ToList();
        return counted.Count == 0 ? Progress : (int)Math.Round(counted.Average(c => c.ComputedProgress()), MidpointRounding.AwayFromZero);
    }

    // ---- Workflow. The methods below are the only way the status and progress change; each checks
    // ---- the current state and appends to the timeline (ADR 0002). Callers load Parent and Children.

    public static class Actions
    {
        public const string Progress = "progress";
        public const string AddSubtask = "add-subtask";
        public const string Cancel = "cancel";
        public const string Reopen = "reopen";

        public static readonly IReadOnlyList<string> All = [Progress, AddSubtask, Cancel, Reopen];
    }

    /// <summary>
    /// The task an issued conclusion becomes: for its lead unit, by its due date, titled with its
    /// text. The leader's date stands even if it has passed by the time the conclusions are issued.
    /// </summary>
    public static FollowUpTask FromIssuedConclusion(DialogueSession session, Conclusion conclusion, Actor actor, DateTime nowUtc)
    {
        var unitId = conclusion.LeadUnitId ?? throw new DomainValidationException("unitId", "Kết luận chưa có đơn vị chủ trì thực hiện.");
        var dueOn = conclusion.DueOn ?? throw new DomainValidationException("dueOn", "Kết luận chưa có hạn thực hiện.");
        return ForConclusion(session, conclusion, unitId, dueOn, actor, nowUtc);
    }

    /// <summary>
    /// A task given later for a conclusion that was issued without a unit or a date (or whose task
    /// was never made): the office names both, and the date may not be in the past.
    /// </summary>
    public static FollowUpTask FromConclusion(DialogueSession session, Conclusion conclusion, int unitId, DateOnly dueOn, Actor actor, DateTime nowUtc)
    {
        if (dueOn < VietnamTime.Today(nowUtc))
            throw new DomainValidationException("dueOn", "Hạn thực hiện không được ở trong quá khứ.");
        return ForConclusion(session, conclusion, unitId, dueOn, actor, nowUtc);
    }

    private static FollowUpTask ForConclusion(DialogueSession session, Conclusion conclusion, int unitId, DateOnly dueOn, Actor actor, DateTime nowUtc)
    {
        var task = Create(session, conclusion.Text, unitId, dueOn, actor, nowUtc,
            string.Create(CultureInfo.InvariantCulture, $"Giao nhiệm vụ theo kết luận số {conclusion.Order} của hội nghị."));
        task.Conclusion = conclusion;
        // Unsaved rows (the demo seeder builds a whole session before saving) are linked by navigation.
        if (conclusion.Id != 0) task.ConclusionId = conclusion.Id;
        return task;
    }

    private static FollowUpTask Create(DialogueSession? session, string title, int unitId, DateOnly dueOn, Actor actor, DateTime nowUtc, string note)
    {
        var task = new FollowUpTask
        {
            Session = session,
            Title = title.Trim(),
            OrgUnitId = unitId,
            DueOn = dueOn,
            Progress = 0,
            Status = FollowUpStatus.Open,
            CreatedAtUtc = nowUtc,
        };
        if (session is { Id: not 0 }) task.SessionId = session.Id;
        task.Record(actor, nowUtc, 0, note);
        return task;
    }

    /// <summary>Whether the task has sub-tasks that count; its progress is then theirs, not its own.</summary>
    public bool HasActiveChildren() => Children.Any(c => c.Status != FollowUpStatus.Cancelled);

    public IReadOnlyList<string> AllowedActions() => Status switch
    {
        FollowUpStatus.Open => HasActiveChildren() ? [Actions.AddSubtask, Actions.Cancel] : [Actions.Progress, Actions.AddSubtask, Actions.Cancel],
        // Work under a cancelled task stays as it ended.
        FollowUpStatus.Done => Parent is { Status: FollowUpStatus.Cancelled } ? [] : [Actions.Reopen],
        FollowUpStatus.Cancelled => [],
    };

    public bool Can(string action) => AllowedActions().Contains(action);

    /// <summary>
    /// A dated report of what was done and how far along the task is. 100 % marks it done; when the
    /// last open sub-task of a parent is done, the parent is done too.
    /// </summary>
    public void RecordProgress(int progress, string? note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Progress);
        if (progress is < 0 or > 100)
            throw new DomainValidationException("progress", "Tiến độ phải từ 0 đến 100%.");
        var text = Required(note, "note", "Cần ghi nội dung đã thực hiện.");
        Progress = progress;
        Record(actor, nowUtc, progress, text);
        if (progress == 100)
        {
            Status = FollowUpStatus.Done;
            DoneAtUtc = nowUtc;
            Parent?.SettleFromChildren(actor, nowUtc);
        }
    }

    /// <summary>Splits the work: a part for a unit, due no later than this task and not in the past.</summary>
    public FollowUpTask AddSubtask(string? title, int unitId, DateOnly dueOn, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.AddSubtask);
        var text = Required(title, "title", "Cần nhập nội dung nhiệm vụ con.");
        if (text.Length > TaskRules.MaxTitleLength)
            throw new DomainValidationException("title", "Nội dung nhiệm vụ con quá dài.");
        if (dueOn < VietnamTime.Today(nowUtc))
            throw new DomainValidationException("dueOn", "Hạn của nhiệm vụ con không được ở trong quá khứ.");
        if (dueOn > DueOn)
            throw new DomainValidationException("dueOn", "Hạn của nhiệm vụ con không được sau hạn của nhiệm vụ cha.");
        var child = Create(Session, text, unitId, dueOn, actor, nowUtc, "Giao nhiệm vụ con.");
        child.SessionId = SessionId;
        child.Parent = this;
        if (Id != 0) child.ParentId = Id;
        Children.Add(child);
        Record(actor, nowUtc, null,
            string.Create(CultureInfo.InvariantCulture, $"Thêm nhiệm vụ con: {Excerpt(text)} (hạn {dueOn:dd/MM/yyyy})."));
        return child;
    }

    /// <summary>Cancels the task and its open sub-tasks, with the reason; finished sub-tasks stay finished.</summary>
    public void Cancel(string? reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Cancel);
        var why = Required(reason, "reason", "Cần nêu lý do hủy nhiệm vụ.");
        CancelWithOpenChildren(why, cascaded: false, actor, nowUtc);
        // A parent whose other sub-tasks are all done is now done itself.
        Parent?.SettleFromChildren(actor, nowUtc);
    }

    /// <summary>A finished task turns out not to be finished: open again, with why.</summary>
    public void Reopen(string? note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Reopen);
        var why = Required(note, "note", "Cần ghi lý do mở lại nhiệm vụ.");
        Status = FollowUpStatus.Open;
        DoneAtUtc = null;
        Record(actor, nowUtc, null, "Mở lại nhiệm vụ: " + why);
        Parent?.ReopenForChild(actor, nowUtc);
    }

    /// <summary>Open and past its due date (today in Vietnam time). Derived, never stored.</summary>
    public bool IsOverdue(DateOnly today) => TaskRules.IsOverdue(Status, DueOn, today);

    public bool IsDueSoon(DateOnly today) => TaskRules.IsDueSoon(Status, DueOn, today);

    private void CancelWithOpenChildren(string why, bool cascaded, Actor actor, DateTime nowUtc)
    {
        Status = FollowUpStatus.Cancelled;
        Record(actor, nowUtc, null, (cascaded ? "Hủy theo nhiệm vụ cha: " : "Hủy nhiệm vụ: ") + why);
        foreach (var child in Children.Where(c => c.Status == FollowUpStatus.Open))
            child.CancelWithOpenChildren(why, cascaded: true, actor, nowUtc);
    }

    /// <summary>Done when every sub-task that counts is done; passed up to the grandparent.</summary>
    private void SettleFromChildren(Actor actor, DateTime nowUtc)
    {
        if (Status != FollowUpStatus.Open || !HasActiveChildren()) return;
        if (Children.Any(c => c.Status == FollowUpStatus.Open)) return;
        Status = FollowUpStatus.Done;
        DoneAtUtc = nowUtc;
        Record(actor, nowUtc, 100, "Các nhiệm vụ con đã hoàn thành.");
        Parent?.SettleFromChildren(actor, nowUtc);
    }

    private void ReopenForChild(Actor actor, DateTime nowUtc)
    {
        if (Status != FollowUpStatus.Done) return;
        Status = FollowUpStatus.Open;
        DoneAtUtc = null;
        Record(actor, nowUtc, null, "Mở lại vì có nhiệm vụ con được mở lại.");
        Parent?.ReopenForChild(actor, nowUtc);
    }

    private void Record(Actor actor, DateTime nowUtc, int? progress, string note)
    {
        Version++;
        Timeline.Add(new TaskTimelineEntry
        {
            AtUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            Progress = progress,
            Note = note,
        });
    }

    /// <summary>Throws the refusal if the action is not allowed now; workflows call it before checking arguments.</summary>
    public void EnsureCan(string action)
    {
        if (Can(action)) return;
        var allowed = AllowedActions();
        // The state is open, so the usual "not in this state" would puzzle: say why.
        if (action == Actions.Progress && Status == FollowUpStatus.Open)
            throw new WorkflowException(action, Status.ToString(), allowed, TaskRules.ParentProgressMessage);
        throw new WorkflowException(action, Status.ToString(), allowed);
    }

    private static string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new DomainValidationException(field, message);
        var text = value.Trim();
        if (text.Length > TaskRules.MaxNoteLength && field != "title")
            throw new DomainValidationException(field, "Nội dung dài quá 2.000 ký tự.");
        return text;
    }

    private static string Excerpt(string text) => text.Length <= 200 ? text : text[..200].TrimEnd() + "…";
}

/// <summary>Limits and derived flags of tasks, shared by the entity, pages and the API.</summary>
public static class TaskRules
{
    public const int MaxTitleLength = 4_000;
    public const int MaxNoteLength = 2_000;
    /// <summary>"Due soon": open and due within this many days from today.</summary>
    public const int DueSoonDays = 7;

    public const string ParentProgressMessage =
        "Tiến độ của nhiệm vụ có nhiệm vụ con được tính từ các nhiệm vụ con; hãy cập nhật tiến độ ở từng nhiệm vụ con.";

    public static bool IsOverdue(FollowUpStatus status, DateOnly dueOn, DateOnly today) =>
        status == FollowUpStatus.Open && dueOn < today;

    public static bool IsDueSoon(FollowUpStatus status, DateOnly dueOn, DateOnly today) =>
        status == FollowUpStatus.Open && dueOn >= today && dueOn <= today.AddDays(DueSoonDays);
}

/// <summary>A dated line in a task's timeline: what was done, by whom, and the progress then.</summary>
public sealed class TaskTimelineEntry
{
    public long Id { get; set; }
    public int TaskId { get; set; }
    public DateTime AtUtc { get; set; }
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public int? Progress { get; set; }
    public string Note { get; set; } = "";
}

internal sealed class FollowUpTaskConfiguration : IEntityTypeConfiguration<FollowUpTask>
{
    public void Configure(EntityTypeBuilder<FollowUpTask> e)
    {
        e.ToTable("Tasks");
        e.Property(t => t.Title).HasMaxLength(4000);
        e.HasOne(t => t.Session).WithMany().HasForeignKey(t => t.SessionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.Conclusion).WithMany().HasForeignKey(t => t.ConclusionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.Parent).WithMany(t => t.Children).HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne(t => t.OrgUnit).WithMany().HasForeignKey(t => t.OrgUnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(t => t.Timeline).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(t => t.OrgUnitId);
        e.HasIndex(t => t.SessionId);
        e.Property(t => t.Version).IsConcurrencyToken();
    }
}

internal sealed class TaskTimelineConfiguration : IEntityTypeConfiguration<TaskTimelineEntry>
{
    public void Configure(EntityTypeBuilder<TaskTimelineEntry> e)
    {
        e.ToTable("TaskTimeline");
        e.Property(x => x.ActorUserId).HasMaxLength(450);
        e.Property(x => x.ActorName).HasMaxLength(200);
        e.Property(x => x.Note).HasMaxLength(4000);
    }
}
