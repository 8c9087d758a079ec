namespace DoiThoai.Web.Features.Sessions;

/// <summary>A session as lists show it: a projection, never the full row with its minutes.</summary>
public sealed record SessionRow(int Id, string Title, DateTime StartsAtUtc, string Place, string HostUnit, SessionStatus Status, int ItemCount)
{
    public static IQueryable<SessionRow> Query(IQueryable<DialogueSession> sessions) =>
        sessions.Select(s => new SessionRow(s.Id, s.Title, s.StartsAtUtc, s.Place, s.HostUnit!.Name, s.Status, s.Items.Count));
}
