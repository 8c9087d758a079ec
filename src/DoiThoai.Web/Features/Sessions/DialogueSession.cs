using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Sessions;

public enum SessionStatus
{
    Planned,
    Announced,
    Collecting,
    Held,
    MinutesDone,
    ConclusionsIssued,
    FollowingUp,
    Closed,
    Cancelled,
}

/// <summary>
/// A contact-and-dialogue session (hội nghị tiếp xúc, đối thoại). Its status changes only through
/// the transition methods below; each checks the current state and appends a history entry, the
/// way eShop's Order does.
/// </summary>
public sealed class DialogueSession
{
    public static class Actions
    {
        public const string Announce = "announce";
        public const string OpenCollection = "open-collection";
        public const string Hold = "hold";
        public const string CompleteMinutes = "complete-minutes";
        public const string IssueConclusions = "issue-conclusions";
        public const string StartFollowUp = "start-follow-up";
        public const string Close = "close";
        public const string Cancel = "cancel";

        public static readonly IReadOnlyList<string> All =
            [Announce, OpenCollection, Hold, CompleteMinutes, IssueConclusions, StartFollowUp, Close, Cancel];
    }

    public int Id { get; private set; }
    public string Title { get; private set; } = "";
    public int HostUnitId { get; private set; }
    public OrgUnit? HostUnit { get; private set; }
    /// <summary>The unit whose members are invited (e.g. the district party organisation).</summary>
    public int? ParticipantUnitId { get; private set; }
    public OrgUnit? ParticipantUnit { get; private set; }
    public int? TermId { get; private set; }
    public Term? Term { get; private set; }
    public DateTime StartsAtUtc { get; private set; }
    public string Place { get; private set; } = "";
    public string? Agenda { get; private set; }
    public string? InvitedGroups { get; private set; }
    public int? AttendanceCount { get; private set; }
    public string? AttendanceNote { get; private set; }
    public string? SecretaryName { get; private set; }
    public string? Minutes { get; private set; }
    public SessionStatus Status { get; private set; }
    public string CreatedByUserId { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    /// <summary>
    /// A fresh random number written in the same transaction as every change to what the session's
    /// page shows (<see cref="SessionPageVersions"/>), so a node can tell in one small read whether
    /// the page it kept is still the session as saved (ADR 0023).
    /// </summary>
    public long PageVersion { get; private set; }

    public List<SessionChair> Chairs { get; private set; } = [];
    public List<Conclusion> Conclusions { get; private set; } = [];
    public List<Item> Items { get; private set; } = [];
    public List<HistoryEntry> History { get; private set; } = [];

    private DialogueSession() { }

    public static DialogueSession Plan(SessionDetails details, Actor actor, DateTime nowUtc)
    {
        var session = new DialogueSession
        {
            Status = SessionStatus.Planned,
            CreatedByUserId = actor.UserId ?? "",
            CreatedAtUtc = nowUtc,
        };
        session.Apply(details);
        session.History.Add(new HistoryEntry(nowUtc, actor, "plan", null, nameof(SessionStatus.Planned), null));
        return session;
    }

    /// <summary>Edits the plan; allowed until the session is closed or cancelled.</summary>
    public void UpdateDetails(SessionDetails details, Actor actor, DateTime nowUtc)
    {
        if (Status is SessionStatus.Closed or SessionStatus.Cancelled)
            throw Refused("edit");
        Apply(details);
        History.Add(new HistoryEntry(nowUtc, actor, "edit", Status.ToString(), Status.ToString(), null));
    }

    private void Apply(SessionDetails d)
    {
        Title = d.Title.Trim();
        HostUnitId = d.HostUnitId;
        ParticipantUnitId = d.ParticipantUnitId;
        TermId = d.TermId;
        StartsAtUtc = DateTime.SpecifyKind(d.StartsAtUtc, DateTimeKind.Utc);
        Place = d.Place.Trim();
        Agenda = d.Agenda?.Trim();
        InvitedGroups = d.InvitedGroups?.Trim();
        SecretaryName = d.SecretaryName?.Trim();
        Chairs.Clear();
        var order = 0;
        foreach (var chair in d.Chairs)
            Chairs.Add(new SessionChair { PersonId = chair.PersonId, RoleTitle = chair.RoleTitle, Order = ++order });
    }

    public IReadOnlyList<string> AllowedActions() => Status switch
    {
        SessionStatus.Planned => [Actions.Announce, Actions.OpenCollection, Actions.Hold, Actions.Cancel],
        SessionStatus.Announced => [Actions.OpenCollection, Actions.Hold, Actions.Cancel],
        SessionStatus.Collecting => [Actions.Hold, Actions.Cancel],
        SessionStatus.Held => [Actions.CompleteMinutes],
        SessionStatus.MinutesDone => [Actions.IssueConclusions],
        SessionStatus.ConclusionsIssued => [Actions.StartFollowUp, Actions.Close],
        SessionStatus.FollowingUp => [Actions.Close],
        SessionStatus.Closed => [],
        SessionStatus.Cancelled => [],
    };

    public bool Can(string action) => AllowedActions().Contains(action);

    /// <summary>
    /// Drafts stay with the office and the leaders until they are final: readers outside the host
    /// committee see the minutes once completed and the conclusions once issued.
    /// </summary>
    public bool MinutesAreFinal => Status is SessionStatus.MinutesDone or SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp or SessionStatus.Closed;

    public bool ConclusionsAreIssued => Status is SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp or SessionStatus.Closed;

    public void Announce(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.Announce, SessionStatus.Announced, actor, nowUtc, note);

    public void OpenCollection(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.OpenCollection, SessionStatus.Collecting, actor, nowUtc, note);

    public void Hold(int attendanceCount, string? attendanceNote, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Hold);
        if (attendanceCount is < 1 or > 100_000)
            throw new DomainValidationException("attendanceCount", "Số người dự phải từ 1 đến 100.000.");
        AttendanceCount = attendanceCount;
        AttendanceNote = attendanceNote?.Trim();
        MoveTo(Actions.Hold, SessionStatus.Held, actor, nowUtc, $"Số người dự: {attendanceCount}");
    }

    public void CompleteMinutes(string? minutes, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.CompleteMinutes);
        var text = string.IsNullOrWhiteSpace(minutes) ? Minutes : minutes.Trim();
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainValidationException("minutes", "Chưa có nội dung biên bản.");
        Minutes = text;
        MoveTo(Actions.CompleteMinutes, SessionStatus.MinutesDone, actor, nowUtc, null);
    }

    /// <summary>The minutes may be drafted while the session is being held and until they are done.</summary>
    public void SaveMinutesDraft(string minutes, Actor actor, DateTime nowUtc)
    {
        if (Status is not SessionStatus.Held)
            throw Refused("save-minutes");
        Minutes = minutes.Trim();
        History.Add(new HistoryEntry(nowUtc, actor, "save-minutes", Status.ToString(), Status.ToString(), null));
    }

    /// <summary>A direction of the leader; recorded after the session and before the conclusions are issued.</summary>
    public Conclusion AddConclusion(string text, int? leadUnitId, DateOnly? dueOn, Actor actor, DateTime nowUtc)
    {
        if (Status is not (SessionStatus.Held or SessionStatus.MinutesDone))
            throw Refused("add-conclusion");
        if (string.IsNullOrWhiteSpace(text))
            throw new DomainValidationException("text", "Nội dung kết luận không được để trống.");
        if (dueOn is { } due && due < VietnamTime.Today(nowUtc))
            throw new DomainValidationException("dueOn", "Hạn thực hiện không được ở trong quá khứ.");
        var conclusion = new Conclusion
        {
            Order = Conclusions.Count + 1,
            Text = text.Trim(),
            LeadUnitId = leadUnitId,
            DueOn = dueOn,
        };
        Conclusions.Add(conclusion);
        History.Add(new HistoryEntry(nowUtc, actor, "add-conclusion", Status.ToString(), Status.ToString(), conclusion.Text));
        return conclusion;
    }

    public void IssueConclusions(Actor actor, DateTime nowUtc, string? note = null)
    {
        EnsureCan(Actions.IssueConclusions);
        if (Conclusions.Count == 0)
            throw new DomainValidationException("conclusions", "Cần ghi ít nhất một ý kiến kết luận trước khi ban hành.");
        MoveTo(Actions.IssueConclusions, SessionStatus.ConclusionsIssued, actor, nowUtc, note);
    }

    public void StartFollowUp(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.StartFollowUp, SessionStatus.FollowingUp, actor, nowUtc, note);

    public void Close(string? reason, Actor actor, DateTime nowUtc) =>
        MoveTo(Actions.Close, SessionStatus.Closed, actor, nowUtc, reason);

    public void Cancel(string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Cancel);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainValidationException("reason", "Cần nêu lý do hủy hội nghị.");
        MoveTo(Actions.Cancel, SessionStatus.Cancelled, actor, nowUtc, reason.Trim());
    }

    /// <summary>Which stage an item may be recorded at, given where the session is.</summary>
    public bool AcceptsItemsAt(RaisedStage stage) => stage switch
    {
        RaisedStage.BeforeSession => Status is SessionStatus.Planned or SessionStatus.Announced or SessionStatus.Collecting,
        RaisedStage.AtSession => Status is SessionStatus.Collecting or SessionStatus.Held or SessionStatus.MinutesDone
            or SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp,
        RaisedStage.AfterSession => Status is SessionStatus.Held or SessionStatus.MinutesDone
            or SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp,
    };

    private void MoveTo(string action, SessionStatus to, Actor actor, DateTime nowUtc, string? note)
    {
        EnsureCan(action);
        var from = Status;
        Status = to;
        History.Add(new HistoryEntry(nowUtc, actor, action, from.ToString(), to.ToString(), note));
    }

    private void EnsureCan(string action)
    {
        if (!Can(action)) throw Refused(action);
    }

    private WorkflowException Refused(string action) => new(action, Status.ToString(), AllowedActions());
}

/// <summary>What office staff fill in when planning or editing a session.</summary>
public sealed record SessionDetails(
    string Title,
    int HostUnitId,
    int? ParticipantUnitId,
    int? TermId,
    DateTime StartsAtUtc,
    string Place,
    string? Agenda,
    string? InvitedGroups,
    string? SecretaryName,
    IReadOnlyList<ChairDetails> Chairs);

public sealed record ChairDetails(int PersonId, string? RoleTitle);

public sealed class SessionChair
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int PersonId { get; set; }
    public Person? Person { get; set; }
    public string? RoleTitle { get; set; }
    public int Order { get; set; }
}

/// <summary>One direction in the leader's conclusions (kết luận); becomes a tracked task later.</summary>
public sealed class Conclusion
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int Order { get; set; }
    public string Text { get; set; } = "";
    public int? LeadUnitId { get; set; }
    public OrgUnit? LeadUnit { get; set; }
    public DateOnly? DueOn { get; set; }
}
