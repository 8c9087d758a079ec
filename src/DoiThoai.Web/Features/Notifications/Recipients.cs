using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>An account that receives a notification, with what decides whether it is emailed.</summary>
public sealed record Recipient(string UserId, string? Email, EmailDelivery Delivery, int OrgUnitId);

/// <summary>
/// Finds who is told about what: accounts in a role whose unit oversees the unit concerned
/// (the same rule as <see cref="UserScope"/>: a handler of Ban Tổ chức Tỉnh ủy Bắc Ninh sees the
/// work of the Ban Tổ chức of Bắc Giang it succeeded). Inactive accounts are never notified.
/// </summary>
public sealed class Recipients(AppDbContext db, OrgDirectory directory)
{
    /// <summary>Active accounts in <paramref name="role"/>, with the units each oversees.</summary>
    public async Task<RoleMembers> InRoleAsync(string role, CancellationToken ct = default)
    {
        var users = await (
                from u in db.Users.AsNoTracking()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where r.Name == role && u.IsActive
                orderby u.Id
                select new Recipient(u.Id, u.Email, u.EmailDelivery, u.OrgUnitId))
            .ToListAsync(ct);
        var snapshot = await directory.GetAsync(ct);
        var overseen = users.Select(u => u.OrgUnitId).Distinct().ToDictionary(id => id, snapshot.Overseen);
        return new RoleMembers(users, overseen);
    }

    public async Task<Recipient?> ByIdAsync(string userId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new Recipient(u.Id, u.Email, u.EmailDelivery, u.OrgUnitId)).SingleOrDefaultAsync(ct);

    /// <summary>The active accounts of a person (normally one).</summary>
    public async Task<List<Recipient>> ForPersonAsync(int personId, CancellationToken ct = default) =>
        await db.Users.AsNoTracking().Where(u => u.PersonId == personId && u.IsActive).OrderBy(u => u.Id)
            .Select(u => new Recipient(u.Id, u.Email, u.EmailDelivery, u.OrgUnitId)).ToListAsync(ct);
}

/// <summary>The accounts of one role and the units each of them oversees.</summary>
public sealed class RoleMembers(IReadOnlyList<Recipient> users, IReadOnlyDictionary<int, IReadOnlySet<int>> overseenByUnit)
{
    public IReadOnlyList<Recipient> All => users;

    /// <summary>Those whose unit oversees <paramref name="unitId"/>.</summary>
    public IEnumerable<Recipient> Overseeing(int unitId) =>
        users.Where(u => overseenByUnit[u.OrgUnitId].Contains(unitId));
}
