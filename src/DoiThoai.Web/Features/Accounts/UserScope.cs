using System.Security.Claims;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// What the current caller may see and do, by role and organisation unit. Every page and endpoint
/// filters its queries through here, so a rule is written once. Search applies the same rules to
/// fields of its index (Features/Search/SearchScope.cs): a change here needs the same change there.
/// </summary>
public sealed class UserScope(IHttpContextAccessor http, AppDbContext db, OrgDirectory directory)
{
    private Loaded? loaded;

    private sealed record Loaded(string UserId, string Name, int? PersonId, IReadOnlySet<int> Overseen, IReadOnlySet<int> BelongsTo);

    private ClaimsPrincipal Principal => http.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => Principal.Identity?.IsAuthenticated == true;
    public bool IsInRole(string role) => Principal.IsInRole(role);
    public bool IsAdmin => IsInRole(Roles.Administrator);
    /// <summary>Office staff, leaders and administrators run sessions and move items along.</summary>
    public bool IsSecretariat => IsAdmin || IsInRole(Roles.OfficeStaff) || IsInRole(Roles.Leader);

    public async Task<Actor> ActorAsync() { var l = await LoadAsync(); return new Actor(l.UserId, l.Name); }

    private async Task<Loaded> LoadAsync()
    {
        if (loaded is not null) return loaded;
        var userId = Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("UserScope needs a signed-in user.");
        // An account removed or switched off after sign-in loses access at its next request.
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.DisplayName, u.UserName, u.PersonId, u.OrgUnitId })
            .SingleOrDefaultAsync()
            ?? throw new AccessDeniedException("Tài khoản đã bị khóa hoặc không còn tồn tại.");
        var snapshot = await directory.GetAsync();
        loaded = new Loaded(userId, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? userId : user.DisplayName,
            user.PersonId, snapshot.Overseen(user.OrgUnitId), snapshot.BelongsTo(user.OrgUnitId));
        return loaded;
    }

    /// <summary>Sessions the caller may open.</summary>
    public async Task<IQueryable<DialogueSession>> SessionsAsync()
    {
        if (IsAdmin) return db.Sessions;
        var scope = await LoadAsync();
        var overseen = scope.Overseen.ToList();
        if (IsSecretariat || IsInRole(Roles.Editor))
            return db.Sessions.Where(s => overseen.Contains(s.HostUnitId) || (s.ParticipantUnitId != null && overseen.Contains(s.ParticipantUnitId.Value)));
        if (IsInRole(Roles.DepartmentHandler))
            return db.Sessions.Where(s => s.Items.Any(i => i.Assignments.Any(a =>
                overseen.Contains(a.LeadUnitId) || a.CoUnits.Any(c => overseen.Contains(c.OrgUnitId)))));
        if (IsInRole(Roles.Member))
        {
            var belongs = scope.BelongsTo.ToList();
            return db.Sessions.Where(s => belongs.Contains(s.HostUnitId) || (s.ParticipantUnitId != null && belongs.Contains(s.ParticipantUnitId.Value)));
        }
        return db.Sessions.Where(_ => false);
    }

    /// <summary>Items the caller may read: inside a visible session and allowed by confidentiality.</summary>
    public async Task<IQueryable<Item>> ItemsAsync()
    {
        var sessionIds = (await SessionsAsync()).Select(s => s.Id);
        return await ReadableAsync(db.Items.Where(i => sessionIds.Contains(i.SessionId)), hostUnitId: null);
    }

    /// <summary>
    /// The items the caller may read of a session they were already shown (found through
    /// <see cref="SessionsAsync"/>): the confidentiality rule alone, without asking again whether
    /// the session is visible, and with the host committee's rule settled here instead of in SQL.
    /// </summary>
    public Task<IQueryable<Item>> ItemsOfVisibleSessionAsync(DialogueSession visibleSession) =>
        ReadableAsync(db.Items.Where(i => i.SessionId == visibleSession.Id), visibleSession.HostUnitId);

    // Restricted items stay with the committee hosting the session and the unit leading their
    // handling; internal ones are open to the offices that may read the session and to every
    // unit working on the item; public ones to every reader of the session.
    private async Task<IQueryable<Item>> ReadableAsync(IQueryable<Item> items, int? hostUnitId)
    {
        if (IsAdmin) return items;
        var scope = await LoadAsync();
        var overseen = scope.Overseen.ToList();
        if (IsSecretariat)
        {
            if (hostUnitId is { } host)
                return scope.Overseen.Contains(host) ? items : items.Where(i => i.Confidentiality != Confidentiality.Restricted);
            return items.Where(i => i.Confidentiality != Confidentiality.Restricted || overseen.Contains(i.Session!.HostUnitId));
        }
        if (IsInRole(Roles.DepartmentHandler))
        {
            return items.Where(i => i.Confidentiality == Confidentiality.Public
                || (i.Confidentiality == Confidentiality.Internal && i.Assignments.Any(a =>
                    overseen.Contains(a.LeadUnitId) || a.CoUnits.Any(c => overseen.Contains(c.OrgUnitId))))
                || (i.Confidentiality == Confidentiality.Restricted && i.Assignments.Any(a => overseen.Contains(a.LeadUnitId))));
        }
        if (IsInRole(Roles.Member) && scope.PersonId is { } personId)
            return items.Where(i => i.Confidentiality == Confidentiality.Public || i.RaisedByPersonId == personId);
        return items.Where(i => i.Confidentiality == Confidentiality.Public);
    }

    public async Task<int?> PersonIdAsync() => (await LoadAsync()).PersonId;

    /// <summary>The caller as the item rules see them (<see cref="ItemCaller"/>).</summary>
    public async Task<ItemCaller> ItemCallerAsync() => ItemCaller.Of(this, await PersonIdAsync(), await OverseenUnitsAsync());

    /// <summary>
    /// Whether the caller runs a session hosted by <paramref name="hostUnitId"/>: office staff and
    /// leaders of the host committee (or its successor). A committee whose members were only invited
    /// (the participant unit) reads the session but does not move it, its items or its tasks.
    /// </summary>
    public async Task<bool> RunsSessionAsync(int hostUnitId) =>
        IsSecretariat && (IsAdmin || (await LoadAsync()).Overseen.Contains(hostUnitId));

    /// <summary>The organisations a member belongs to (their unit, its predecessors and ancestors).</summary>
    public async Task<IReadOnlySet<int>> BelongsToUnitsAsync() => (await LoadAsync()).BelongsTo;

    /// <summary>Units the caller works within (for choosing a host unit or an assignee).</summary>
    public async Task<IReadOnlySet<int>?> OverseenUnitsAsync() => IsAdmin ? null : (await LoadAsync()).Overseen;
}
