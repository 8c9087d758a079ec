using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Documents;

/// <summary>
/// One item as a document shows it; <see cref="Answer"/> is null when the reader may not see it, and
/// <see cref="Speaker"/> when the reader is not the host committee's office (ADR 0021).
/// </summary>
public sealed record DocumentItem(
    int Number, string? Speaker, string? OnBehalfOf, string Text, string? Topic, int? TopicOrder,
    string? LeadUnit, DateOnly? DueOn, ItemStatus Status, string? Answer, string? AnsweredBy, AnswerOutcome? Outcome);

/// <summary>One direction of the conclusions with the unit and deadline of its task.</summary>
public sealed record DocumentConclusion(int Order, string Text, string? LeadUnit, DateOnly? DueOn);

/// <summary>
/// What the documents of a session may contain for the current reader, read with the rules of the
/// session page: the session only if the reader may open it (404 otherwise); the items UserScope
/// lets them read (restricted ones only for those who may read them); an answer only for those who
/// see the work on the item or once it is final; the minutes once final and the conclusions once
/// issued, except for the office and leaders running the session, who see their drafts.
/// </summary>
public sealed record SessionRecord(
    DialogueSession Session, OrgUnit Host, OrgUnit? Participant, bool Runs,
    IReadOnlyList<DocumentItem> Items, string? Minutes, IReadOnlyList<DocumentConclusion>? Conclusions, DateOnly? ConclusionsIssuedOn)
{
    public DateOnly Date => VietnamTime.DateOf(Session.StartsAtUtc);

    /// <summary>Where the session was held, for the place in the minutes' header: the invited unit's locality, else the host's.</summary>
    public string SessionLocality => VietnameseText.Locality(Participant ?? Host);

    public IEnumerable<SessionChair> Chairs => Session.Chairs.OrderBy(c => c.Order);

    /// <summary>The name part of the secretary as recorded ("Nguyễn Thị Thanh Hà, chuyên viên …" → the name).</summary>
    public string? SecretaryName => string.IsNullOrWhiteSpace(Session.SecretaryName) ? null : Session.SecretaryName.Split(',')[0].Trim();

    public static async Task<SessionRecord> LoadAsync(int id, SessionWorkflow sessions, ItemWorkflow items, UserScope scope, AppDbContext db)
    {
        var session = await sessions.FindVisibleAsync(id);
        var runs = await scope.RunsSessionAsync(session.HostUnitId);
        int[] unitIds = session.ParticipantUnitId is { } p ? [session.HostUnitId, p] : [session.HostUnitId];
        var units = await db.OrgUnits.AsNoTracking().Include(u => u.Kind).Include(u => u.Parent).ThenInclude(p => p!.Kind)
            .Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id);

        var caller = await items.CallerAsync();
        var rows = await (await scope.ItemsAsync()).AsNoTracking()
            .Where(i => i.SessionId == id)
            .Include(i => i.Session).Include(i => i.Topic).Include(i => i.RaisedByPerson).Include(i => i.OnBehalfOfUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.LeadUnit)
            .Include(i => i.Assignments).ThenInclude(a => a.CoUnits)
            .AsSplitQuery()
            .OrderBy(i => i.Number)
            .ToListAsync();
        var documentItems = rows.Select(i =>
        {
            var answer = i.Answer is not null && (caller.MaySeeWork(ItemFacts.Of(i)) || ItemWorkflow.IsSettledAnswer(i.Status, i.Answer));
            var current = i.CurrentAssignment;
            var speaker = caller.MaySeeSpeaker(ItemFacts.Of(i)) ? i.RaisedByPerson?.FullName ?? i.SpeakerName ?? "Không ghi tên" : null;
            return new DocumentItem(i.Number, speaker, i.OnBehalfOfUnit?.Name, i.Text,
                i.Topic?.Name, i.Topic?.SortOrder, current?.LeadUnit?.Name, current?.DueOn, i.Status,
                answer ? i.Answer : null, answer ? i.AnsweredBy : null, answer ? i.Outcome : null);
        }).ToList();

        List<DocumentConclusion>? conclusions = null;
        DateOnly? issuedOn = null;
        if (runs || session.ConclusionsAreIssued)
        {
            // A conclusion issued without a unit or a date gets them later with its task (Features/FollowUp).
            var tasks = await db.Tasks.AsNoTracking().Where(t => t.SessionId == id && t.ParentId == null && t.ConclusionId != null && t.Status != FollowUpStatus.Cancelled)
                .Select(t => new { ConclusionId = t.ConclusionId!.Value, Unit = t.OrgUnit!.Name, t.DueOn }).ToListAsync();
            conclusions = session.Conclusions.OrderBy(c => c.Order).Select(c =>
            {
                var task = tasks.FirstOrDefault(t => t.ConclusionId == c.Id);
                return new DocumentConclusion(c.Order, c.Text, c.LeadUnit?.Name ?? task?.Unit, c.DueOn ?? task?.DueOn);
            }).ToList();
            var issued = session.History.Where(h => h.Action == DialogueSession.Actions.IssueConclusions).OrderBy(h => h.AtUtc).LastOrDefault();
            issuedOn = issued is null ? null : VietnamTime.DateOf(issued.AtUtc);
        }

        return new SessionRecord(session, units[session.HostUnitId],
            session.ParticipantUnitId is { } participant ? units[participant] : null, runs, documentItems,
            runs || session.MinutesAreFinal ? session.Minutes : null, conclusions, issuedOn);
    }
}
