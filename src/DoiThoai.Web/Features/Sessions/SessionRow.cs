using DoiThoai.Web.Features.Items;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>A session as lists show it: a projection, never the full row with its minutes.</summary>
public sealed record SessionRow(int Id, string Title, DateTime StartsAtUtc, string Place, string HostUnit, SessionStatus Status, int ItemCount)
{
    /// <summary>
    /// Rows of the given sessions; the item count counts only <paramref name="visibleItems"/>, so a
    /// member is not told how many internal items a session has.
    /// </summary>
    public static IQueryable<SessionRow> Query(IQueryable<DialogueSession> sessions, IQueryable<Item> visibleItems) =>
        sessions.Select(s => new SessionRow(s.Id, s.Title, s.StartsAtUtc, s.Place, s.HostUnit!.Name, s.Status,
            visibleItems.Count(i => i.SessionId == s.Id)));
}
