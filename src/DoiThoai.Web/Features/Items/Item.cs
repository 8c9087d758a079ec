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
    /// <summary>The assigned unit handed it back to the office (wrong unit, needs clarifying).</summary>
    ReturnedToOffice,
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
        // Follow-up by the assigned unit.
        public const string Start = "start";
        public const string ReturnToOffice = "return-to-office";
        public const string RequestExtension = "request-extension";
        public const string DecideExtension = "decide-extension";
        public const string Progress = "progress";
        public const string Contribute = "contribute";
        public const string DraftAnswer = "draft-answer";
        // The leader's decision and what follows it.
        public const string Approve = "approve";
        public const string SendBack = "send-back";
        public const string Publish = "publish";
        public const string Confirm = "confirm";
        // Side exits.
        public const string Merge = "merge";
        public const string Unmerge = "unmerge";
        public const string Escalate = "escalate";
        public const string Redirect = "redirect";

        public static readonly IReadOnlyList<string> All =
        [
            Classify, Answer, Accept, Assign, Return, Close, Start, ReturnToOffice, RequestExtension, DecideExtension,
            Progress, Contribute, DraftAnswer, Approve, SendBack, Publish, Confirm, Merge, Unmerge, Escalate, Redirect,
        ];
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

    /// <summary>
    /// The person who raised the item asked to be anonymised (ADR 0021): the name written beside
    /// the link to them goes; the link stays and now leads to the anonymised person.
    /// </summary>
    public bool ForgetSpeakerName()
    {
        if (RaisedByPersonId is null || SpeakerName is null) return false;
        SpeakerName = null;
        return true;
    }
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
    /// <summary>The reason an answer cannot resolve it now, or the schedule it was accepted with.</summary>
    public string? OutcomeNote { get; private set; }
    public string? ApprovedBy { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public DateTime? PublishedAtUtc { get; private set; }
    /// <summary>Whether the person who raised it is satisfied with the answer (null: not asked yet).</summary>
    public bool? Satisfied { get; private set; }
    public string? SatisfactionNote { get; private set; }
    public DateTime? SatisfactionAtUtc { get; private set; }
    /// <summary>Where a side exit (extension request, merge) returns to.</summary>
    public ItemStatus? StatusBeforeSideExit { get; private set; }
    public int? MergedIntoItemId { get; private set; }
    public string? EscalatedTo { get; private set; }
    /// <summary>
    /// Bumped by every transition and a concurrency token: a form or API client that read an older
    /// version is told someone else changed the item instead of overwriting it (ADR 0018).
    /// </summary>
    public int Version { get; private set; }
    /// <summary>
    /// The lead unit and deadline of <see cref="CurrentAssignment"/>, copied onto the item so the
    /// statistics group a million items without joining the assignments (ADR 0015).
    /// </summary>
    public int? CurrentLeadUnitId { get; private set; }
    public DateOnly? CurrentDueOn { get; private set; }

    public List<Assignment> Assignments { get; private set; } = [];
    public List<ExtensionRequest> ExtensionRequests { get; private set; } = [];
    public List<Contribution> Contributions { get; private set; } = [];
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
        ItemStatus.Received => [Actions.Classify, Actions.Answer, Actions.Accept, Actions.Return, Actions.Merge, Actions.Escalate, Actions.Redirect],
        ItemStatus.Classified => [Actions.Classify, Actions.Answer, Actions.Accept, Actions.Assign, Actions.Return, Actions.Merge, Actions.Escalate, Actions.Redirect],
        ItemStatus.AnsweredAtSession => [Actions.Confirm, Actions.Close],
        ItemStatus.Accepted => [Actions.Classify, Actions.Assign, Actions.Merge, Actions.Escalate, Actions.Redirect],
        ItemStatus.Assigned => [Actions.Start, Actions.ReturnToOffice, Actions.RequestExtension, Actions.Progress, Actions.Contribute],
        ItemStatus.InProgress => [Actions.ReturnToOffice, Actions.RequestExtension, Actions.Progress, Actions.Contribute, Actions.DraftAnswer],
        ItemStatus.AnswerDrafted => [Actions.Progress, Actions.Contribute, Actions.DraftAnswer, Actions.Approve, Actions.SendBack],
        ItemStatus.Approved => [Actions.Publish],
        ItemStatus.Published => [Actions.Confirm, Actions.Close],
        ItemStatus.Closed => [],
        ItemStatus.Merged => [Actions.Unmerge],
        ItemStatus.Escalated => [Actions.Close],
        ItemStatus.Redirected => [Actions.Close],
        ItemStatus.Returned => [],
        ItemStatus.ExtensionRequested => [Actions.DecideExtension, Actions.Progress, Actions.Contribute],
        ItemStatus.ReturnedToOffice => [Actions.Classify, Actions.Assign, Actions.Answer, Actions.Return, Actions.Merge, Actions.Escalate, Actions.Redirect],
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
        MoveTo(Actions.Classify, Status is ItemStatus.Accepted or ItemStatus.ReturnedToOffice ? Status : ItemStatus.Classified, actor, nowUtc, note);
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

    public Assignment AssignTo(int leadUnitId, IReadOnlyCollection<int> coUnitIds, DateOnly dueOn, string? note, Actor actor, DateTime nowUtc,
        DateOnly? coOperatingDueOn = null)
    {
        EnsureCan(Actions.Assign);
        if (TopicId is null)
            throw new DomainValidationException("topicId", "Cần phân loại lĩnh vực trước khi giao xử lý.");
        var today = VietnamTime.Today(nowUtc);
        if (dueOn < today)
            throw new DomainValidationException("dueOn", "Hạn xử lý không được ở trong quá khứ.");
        if (coUnitIds.Contains(leadUnitId))
            throw new DomainValidationException("coUnitIds", "Đơn vị chủ trì không thể đồng thời là đơn vị phối hợp.");
        if (coOperatingDueOn is { } coDue && (coDue < today || coDue > dueOn))
            throw new DomainValidationException("coOperatingDueOn", "Hạn của đơn vị phối hợp phải từ hôm nay đến hạn của đơn vị chủ trì.");
        var assignment = new Assignment
        {
            LeadUnitId = leadUnitId,
            DueOn = dueOn,
            AssignedAtUtc = nowUtc,
            AssignedByUserId = actor.UserId,
            Note = note?.Trim(),
            CoUnits = coUnitIds.Distinct().Select(id => new AssignmentCoUnit { OrgUnitId = id, DueOn = coOperatingDueOn }).ToList(),
        };
        Assignments.Add(assignment);
        CurrentLeadUnitId = leadUnitId;
        CurrentDueOn = dueOn;
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

    /// <summary>The lead unit takes the assignment on.</summary>
    public void Start(Actor actor, DateTime nowUtc, string? note = null) =>
        MoveTo(Actions.Start, ItemStatus.InProgress, actor, nowUtc, note);

    /// <summary>The lead unit hands the item back to the office (not theirs, or unclear), with the reason.</summary>
    public void ReturnToOffice(string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.ReturnToOffice);
        MoveTo(Actions.ReturnToOffice, ItemStatus.ReturnedToOffice, actor, nowUtc, Required(reason, "reason", "Cần nêu lý do trả lại Văn phòng."));
    }

    /// <summary>Asks the leader for a later deadline; the item waits for the decision.</summary>
    public ExtensionRequest RequestExtension(DateOnly requestedDueOn, string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.RequestExtension);
        var assignment = CurrentAssignment ?? throw new DomainValidationException("assignment", "Ý kiến chưa được giao xử lý.");
        var why = Required(reason, "reason", "Cần nêu lý do xin gia hạn.");
        if (requestedDueOn <= assignment.DueOn)
            throw new DomainValidationException("requestedDueOn", "Hạn đề nghị phải sau hạn hiện tại.");
        var request = new ExtensionRequest
        {
            Assignment = assignment,
            CurrentDueOn = assignment.DueOn,
            RequestedDueOn = requestedDueOn,
            Reason = why,
            RequestedByUserId = actor.UserId,
            RequestedByName = actor.Name,
            RequestedAtUtc = nowUtc,
            Decision = ExtensionDecision.Pending,
        };
        ExtensionRequests.Add(request);
        StatusBeforeSideExit = Status;
        MoveTo(Actions.RequestExtension, ItemStatus.ExtensionRequested, actor, nowUtc, $"Đề nghị gia hạn đến {requestedDueOn:dd/MM/yyyy}: {why}");
        return request;
    }

    /// <summary>The leader grants (possibly a different date) or refuses the pending extension.</summary>
    public ExtensionRequest DecideExtension(bool grant, DateOnly? grantedDueOn, string? note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.DecideExtension);
        var request = ExtensionRequests.LastOrDefault(r => r.Decision == ExtensionDecision.Pending)
            ?? throw new DomainValidationException("extension", "Không có đề nghị gia hạn nào đang chờ.");
        var assignment = CurrentAssignment!;
        if (grant)
        {
            var newDue = grantedDueOn ?? request.RequestedDueOn;
            if (newDue <= request.CurrentDueOn)
                throw new DomainValidationException("grantedDueOn", "Hạn mới phải sau hạn hiện tại.");
            request.GrantedDueOn = newDue;
            assignment.DueOn = newDue;
            CurrentDueOn = newDue;
        }
        else if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainValidationException("note", "Cần nêu lý do không đồng ý gia hạn.");
        }
        request.Decision = grant ? ExtensionDecision.Granted : ExtensionDecision.Refused;
        request.DecisionNote = note?.Trim();
        request.DecidedByName = actor.Name;
        request.DecidedAtUtc = nowUtc;
        var back = StatusBeforeSideExit ?? ItemStatus.InProgress;
        StatusBeforeSideExit = null;
        MoveTo(Actions.DecideExtension, back, actor, nowUtc,
            grant ? $"Đồng ý gia hạn đến {assignment.DueOn:dd/MM/yyyy}. {note}".Trim() : $"Không đồng ý gia hạn: {note!.Trim()}");
        return request;
    }

    /// <summary>A dated progress note from the handling unit; the state does not change.</summary>
    public void RecordProgress(string note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Progress);
        MoveTo(Actions.Progress, Status, actor, nowUtc, Required(note, "note", "Cần ghi nội dung tiến độ."));
    }

    /// <summary>A co-operating unit's part of the answer.</summary>
    public Contribution Contribute(int unitId, string text, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Contribute);
        var assignment = CurrentAssignment ?? throw new DomainValidationException("assignment", "Ý kiến chưa được giao xử lý.");
        if (assignment.CoUnits.All(c => c.OrgUnitId != unitId))
            throw new DomainValidationException("unitId", "Đơn vị không phải là đơn vị phối hợp của ý kiến này.");
        var contribution = new Contribution
        {
            OrgUnitId = unitId,
            Text = Required(text, "text", "Cần nhập nội dung tham gia."),
            AuthorUserId = actor.UserId,
            AuthorName = actor.Name,
            AtUtc = nowUtc,
        };
        Contributions.Add(contribution);
        MoveTo(Actions.Contribute, Status, actor, nowUtc, contribution.Text);
        return contribution;
    }

    /// <summary>
    /// The lead unit's draft answer with its outcome. "Cannot resolve now" needs the reason and
    /// "accepted with a schedule" the schedule: reports count these apart from resolved items.
    /// </summary>
    public void DraftAnswer(string answer, AnswerOutcome outcome, string? outcomeNote, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.DraftAnswer);
        var text = Required(answer, "answer", "Nội dung trả lời không được để trống.");
        if (outcome is AnswerOutcome.CannotResolveNow or AnswerOutcome.Scheduled && string.IsNullOrWhiteSpace(outcomeNote))
            throw new DomainValidationException("outcomeNote", outcome == AnswerOutcome.Scheduled
                ? "Cần ghi lộ trình giải quyết."
                : "Cần nêu lý do chưa thể giải quyết.");
        Answer = text;
        Outcome = outcome;
        OutcomeNote = outcomeNote?.Trim();
        AnsweredBy = actor.Name;
        AnsweredAtUtc = nowUtc;
        MoveTo(Actions.DraftAnswer, ItemStatus.AnswerDrafted, actor, nowUtc, text);
    }

    public void Approve(Actor actor, DateTime nowUtc, string? note = null)
    {
        EnsureCan(Actions.Approve);
        ApprovedBy = actor.Name;
        ApprovedAtUtc = nowUtc;
        MoveTo(Actions.Approve, ItemStatus.Approved, actor, nowUtc, note);
    }

    /// <summary>The leader sends the draft back to the handling unit with what to change.</summary>
    public void SendBack(string note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.SendBack);
        MoveTo(Actions.SendBack, ItemStatus.InProgress, actor, nowUtc, Required(note, "note", "Cần ghi yêu cầu chỉnh sửa."));
    }

    /// <summary>The approved answer is sent to the person who raised it (and, if public, may be published).</summary>
    public void Publish(Actor actor, DateTime nowUtc, string? note = null)
    {
        EnsureCan(Actions.Publish);
        PublishedAtUtc = nowUtc;
        MoveTo(Actions.Publish, ItemStatus.Published, actor, nowUtc, note);
    }

    /// <summary>Public items with an approved answer may appear on the portal.</summary>
    public bool IsPublishable => Confidentiality == Confidentiality.Public && Status is ItemStatus.Published or ItemStatus.Closed && ApprovedAtUtc is not null;

    /// <summary>
    /// The person who raised it (or the office for them) says whether the answer satisfies them.
    /// Satisfied closes the item; not satisfied reopens it, with the note saying why.
    /// </summary>
    public void ConfirmSatisfaction(bool satisfied, string? note, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Confirm);
        if (!satisfied && string.IsNullOrWhiteSpace(note))
            throw new DomainValidationException("note", "Cần nêu lý do chưa đồng ý với câu trả lời.");
        Satisfied = satisfied;
        SatisfactionNote = note?.Trim();
        SatisfactionAtUtc = nowUtc;
        var reopened = CurrentAssignment is null ? ItemStatus.Accepted : ItemStatus.InProgress;
        MoveTo(Actions.Confirm, satisfied ? ItemStatus.Closed : reopened, actor, nowUtc,
            satisfied ? $"Đồng ý với câu trả lời. {note}".Trim() : $"Chưa đồng ý: {note!.Trim()}");
    }

    /// <summary>
    /// Folds a duplicate into <paramref name="target"/>. Nothing is deleted: this item keeps its
    /// speaker, unit and text, and counts as a contributor of the target until it is unmerged.
    /// </summary>
    public void MergeInto(Item target, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Merge);
        if (ReferenceEquals(target, this) || (target.Id != 0 && target.Id == Id))
            throw new DomainValidationException("targetItemId", "Không thể gộp ý kiến vào chính nó.");
        if (target.Status is ItemStatus.Merged or ItemStatus.Returned)
            throw new DomainValidationException("targetItemId", "Ý kiến đích đã được gộp hoặc đã trả lại; hãy chọn ý kiến chính.");
        StatusBeforeSideExit = Status;
        MergedIntoItemId = target.Id;
        MoveTo(Actions.Merge, ItemStatus.Merged, actor, nowUtc, $"Gộp vào ý kiến #{target.Id}");
        target.History.Add(new HistoryEntry(nowUtc, actor, "merge-in", target.Status.ToString(), target.Status.ToString(), $"Gộp ý kiến #{Id} vào đây"));
    }

    public void Unmerge(Item target, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Unmerge);
        var back = StatusBeforeSideExit ?? ItemStatus.Received;
        StatusBeforeSideExit = null;
        MergedIntoItemId = null;
        MoveTo(Actions.Unmerge, back, actor, nowUtc, $"Tách khỏi ý kiến #{target.Id}");
        target.History.Add(new HistoryEntry(nowUtc, actor, "merge-out", target.Status.ToString(), target.Status.ToString(), $"Tách ý kiến #{Id} ra"));
    }

    /// <summary>Beyond the committee's competence: sent up to a higher level, which is named.</summary>
    public void Escalate(string to, string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Escalate);
        EscalatedTo = Required(to, "to", "Cần ghi cấp hoặc cơ quan nhận chuyển.");
        MoveTo(Actions.Escalate, ItemStatus.Escalated, actor, nowUtc, $"Chuyển {EscalatedTo}: {Required(reason, "reason", "Cần nêu lý do chuyển cấp trên.")}");
    }

    /// <summary>Complaints and denunciations (khiếu nại, tố cáo) leave this track for their legal procedure.</summary>
    public void Redirect(string reason, Actor actor, DateTime nowUtc)
    {
        EnsureCan(Actions.Redirect);
        MoveTo(Actions.Redirect, ItemStatus.Redirected, actor, nowUtc, Required(reason, "reason", "Cần nêu lý do và nơi chuyển đơn."));
    }

    private static string Required(string? value, string field, string message) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainValidationException(field, message) : value.Trim();

    /// <summary>The latest assignment (by time, then id), the one whose units handle the item now; queries order the same way.</summary>
    public Assignment? CurrentAssignment => Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id).FirstOrDefault();

    private void MoveTo(string action, ItemStatus to, Actor actor, DateTime nowUtc, string? note)
    {
        EnsureCan(action);
        var from = Status;
        Status = to;
        Version++;
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
    /// <summary>When the co-operating unit's part is due (earlier than the lead unit's deadline).</summary>
    public DateOnly? DueOn { get; set; }
}
