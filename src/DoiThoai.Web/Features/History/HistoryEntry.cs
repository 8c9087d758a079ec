namespace DoiThoai.Web.Features.History;

/// <summary>
/// One append-only line in the record of a session or an item: who did what, when, and the state
/// before and after. Entries are only ever added (never updated or deleted), which is why the
/// entity exposes no setters after construction.
/// </summary>
public sealed class HistoryEntry
{
    private HistoryEntry() { }

    public HistoryEntry(DateTime atUtc, Actor actor, string action, string? fromState, string? toState, string? note)
    {
        AtUtc = DateTime.SpecifyKind(atUtc, DateTimeKind.Utc);
        ActorUserId = actor.UserId;
        ActorName = actor.Name;
        Action = action;
        FromState = fromState;
        ToState = toState;
        Note = note;
    }

    public long Id { get; private set; }
    public int? SessionId { get; private set; }
    public int? ItemId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? ActorUserId { get; private set; }
    public string ActorName { get; private set; } = "";
    public string Action { get; private set; } = "";
    public string? FromState { get; private set; }
    public string? ToState { get; private set; }
    public string? Note { get; private set; }
}
