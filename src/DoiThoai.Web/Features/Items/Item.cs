using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Items;

public enum ItemKind { Opinion, Recommendation, Reflection, Proposal }

public enum RaisedStage { BeforeSession, AtSession, AfterSession }

public enum Urgency { Normal, High, Urgent }

public enum Confidentiality { Public, Internal, Restricted }

public enum ItemStatus
{
    Received,
    Classified,
    AnsweredAtSession,
    Accepted,
    Assigned,
    InProgress,
    AnswerDrafted,
    Approved,
    Published,
    Closed,
    // Side exits.
    Merged,
    Escalated,
    Redirected,
    Returned,
    ExtensionRequested,
}

/// <summary>"Answered" is not "resolved": the outcome says what the answer achieved.</summary>
public enum AnswerOutcome { Resolved, Explained, Scheduled, CannotResolveNow }

/// <summary>
/// An opinion, recommendation, reflection or proposal (ý kiến, kiến nghị, phản ánh, đề xuất)
/// raised before, at or after a session. The status changes only through the methods below,
/// each checking the current state and appending to <see cref="History"/>.
/// </summary>
public sealed class Item
{
    public static class Actions
    {
        public const string Classify = "classify";
        public const string Answer = "answer";
        public const string Accept = "accept";
        public const string Assign = "assign";
        public const string Return = "return";
        public const string Close = "close";

        public static readonly IReadOnlyList<string> All = [Classify, Answer, Accept, Assign, Return, Close];
    }

    public int Id { get; private set; }
    public int SessionId { get; private set; }
    public DialogueSession? Session { get; private set; }
    /// <summary>Running number within the session (1, 2, 3 …) as read out in the minutes.</summary>
    public int Number { get; private set; }
    public ItemKind Kind { get; private set; }
    public RaisedStage Stage { get; private set; }
    public int? RaisedByPersonId { get; private set; }
    public Person? RaisedByPerson { get; private set; }
    /// <summary>The speaker as written in the record, for people who are not in the registry.</summary>
    public string? SpeakerName { get; private set; }
    public int? OnBehalfOfUnitId { get; private set; }
    public OrgUnit? OnBehalfOfUnit { get; private set; }
    public int? TopicId { get; private set; }
    public Topic? Topic { get; private set; }
    public Urgency Urgency { get; private set; }
    public Confidentiality Confidentiality { get; private set; }
    public string Text { get; private set; } = "";
    public ItemStatus Status { get; private set; }
    public string? Answer { get; private set; }
    public AnswerOutcome? Outcome { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
    public string? CreatedByUserId { get; private set; }

    public List<Assignment> Assignments { get; private set; } = [];
    public List<HistoryEntry> History { get; private set; } = [];

    private Item() { }

    public static Item Raise(DialogueSession session, int number, ItemDetails details, Actor actor, DateTime nowUtc)
    {
        if (!session.AcceptsItemsAt(details.Stage))
            throw new WorkflowException("add-item", session.Status.ToString(), session.AllowedActions());
        if (string.IsNullOrWhiteSpace(details.Text))
            throw new DomainValidationException("text", "Nội dung ý kiến không được để trống.");
        if (details.RaisedByPersonId is null && string.IsNullOrWhiteSpace(details.SpeakerName))
            throw new DomainValidationException("speakerName", "Cần ghi người nêu ý kiến.");
        var item = new Item
        {
            SessionId = session.Id,
            Session = session,
            Number = number,
            Kind = details.Kind,
            Stage = details.Stage,
            RaisedByPersonId = details.RaisedByPersonId,
            SpeakerName = details.SpeakerName?.Trim(),
            OnBehalfOfUnitId = details.OnBehalfOfUnitId,
            TopicId = details.TopicId,
            Urgency = details.Urgency,
            Confidentiality = details.Confidentiality,
            Text = details.Text.Trim(),
            Status = ItemStatus.Received,
            RaisedAtUtc = nowUtc,
            CreatedByUserId = actor.UserId,
        };
        item.History.Add(new HistoryEntry(nowUtc, actor, "raise", null, nameof(ItemStatus.Received), null));
        return item;
    }

    public IReadOnlyList<string> AllowedActions() => AllowedActionsIn(Status);

    /// <summary>The actions allowed in a state; static so list queries can use it on a projected status.</summary>
    public static IReadOnlyList<string> AllowedActionsIn(ItemStatus status) => status switch
    {
        ItemStatus.Received => [Actions.Classify, Actions.Answer, Actions.Accept, Actions.Return],
        ItemStatus.Classified => [Actions.Classify, Actions.Answer, Actions.Accept, Actions.Assign, Actions.Return],
        ItemStatus.AnsweredAtSession => [Actions.Close],
        ItemStatus.Accepted => [Actions.Classify, Actions.Assign],
        ItemStatus.Assigned => [],
        ItemStatus.InProgress => [],
        ItemStatus.AnswerDrafted => [],
        ItemStatus.Approved => [],
        ItemStatus.Published => [Actions.Close],
        ItemStatus.Closed => [],
        ItemStatus.Merged => [],
        ItemStatus.Escalated => [],
        ItemStatus.Redirected => [],
        ItemStatus.Returned => [],
        ItemStatus.ExtensionRequested => [],
    };

    public bool Can(string action) => AllowedActions().Contains(action);

    /// <summary>
    /// Sets topic, kind, urgency and confidentiality. Repeating it corrects a classification; an
    /// item the leader accepted before it was classified stays accepted.
    /// </summary>
    public void Classify(int topicId, ItemKind kind, Urgency urgency, Confidentiality confidentiality, Actor actor, DateTime nowUtc, string? note = null)
    {
        EnsureCan(Actions.Classify);
        TopicId = topicId;
        Kind = kind;
        Urgency = urgency;
        Confidentiality = confidentiality;
        MoveTo(Actions.Classify, Status == ItemStatus.Accepted ? ItemStatus.Accepted : ItemStatus.Classified, actor, nowUtc, note);
    }

    /// <summary>The leader explains or settles the matter on the spot (giải trình tại hội nghị).</summary>
    public void AnswerAtSession(string answer, AnswerOutcome outcome, string answeredBy, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Answer);
        if (string.IsNullOrWhiteSpace(answer))
            throw new DomainValidationException("answer", "Nội dung trả lời không được để trống.");
        if (string.IsNullOrWhiteSpace(answeredBy))
            throw new DomainValidationException("answeredBy", "Cần ghi người trả lời.");
        Answer = answer.Trim();
        Outcome = outcome;
        AnsweredBy = answeredBy.Trim();
        AnsweredAtUtc = nowUtc;
        MoveTo(Actions.Answer, ItemStatus.AnsweredAtSession, actor, nowUtc, Answer);
    }

    /// <summary>The leader takes the matter on for consideration (tiếp thu); it then needs assigning.</summary>
    public void Accept(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.Accept, ItemStatus.Accepted, actor, nowUtc, note);

    public Assignment AssignTo(int leadUnitId, IReadOnlyCollection<int> coUnitIds, DateOnly dueOn, string? note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Assign);
        if (TopicId is null)
            throw new DomainValidationException("topicId", "Cần phân loại lĩnh vực trước khi giao xử lý.");
        var today = VietnamTime.Today(nowUtc);
        if (dueOn < today)
            throw new DomainValidationException("dueOn", "Hạn xử lý không được ở trong quá khứ.");
        if (coUnitIds.Contains(leadUnitId))
            throw new DomainValidationException("coUnitIds", "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp.");
        var assignment = new Assignment
        {
            LeadUnitId = leadUnitId,
            DueOn = dueOn,
            AssignedAtUtc = nowUtc,
            AssignedByUserId = actor.UserId,
            Note = note?.Trim(),
            CoUnits = coUnitIds.Distinct().Select(id => new AssignmentCoUnit { OrgUnitId = id }).ToList(),
        };
        Assignments.Add(assignment);
        MoveTo(Actions.Assign, ItemStatus.Assigned, actor, nowUtc, note);
        return assignment;
    }

    /// <summary>Returns an item that is out of scope or not a matter for this track, with the reason.</summary>
    public void Return(string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Return);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainValidationException("reason", "Cần nêu lý do trả lại.");
        MoveTo(Actions.Return, ItemStatus.Returned, actor, nowUtc, reason.Trim());
    }

    public void Close(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.Close, ItemStatus.Closed, actor, nowUtc, note);

    public Assignment? CurrentAssignment => Assignments.OrderByDescending(a => a.AssignedAtUtc).FirstOrDefault();

    private void MoveTo(string action, ItemStatus to, Actor actor, DateTime nowUtc, string? note)
    {
        EnsureCan(action);
        var from = Status;
        Status = to;
        History.Add(new HistoryEntry(nowUtc, actor, action, from.ToString(), to.ToString(), note));
    }

    private void EnsureCan(string action)
    {
        if (!Can(action)) throw new WorkflowException(action, Status.ToString(), AllowedActions());
    }
}

public sealed record ItemDetails(
    ItemKind Kind,
    RaisedStage Stage,
    int? RaisedByPersonId,
    string? SpeakerName,
    int? OnBehalfOfUnitId,
    int? TopicId,
    Urgency Urgency,
    Confidentiality Confidentiality,
    string Text);

/// <summary>An item handed to a lead unit (with co-operating units) with a deadline.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int ItemId { get; set; }
    public int LeadUnitId { get; set; }
    public OrgUnit? LeadUnit { get; set; }
    public DateOnly DueOn { get; set; }
    public DateTime AssignedAtUtc { get; set; }
    public string? AssignedByUserId { get; set; }
    public string? Note { get; set; }
    public List<AssignmentCoUnit> CoUnits { get; set; } = [];
}

public sealed class AssignmentCoUnit
{
    public int AssignmentId { get; set; }
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
}
