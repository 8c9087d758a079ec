using DoiThoai.Web.Features.Shared;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Users;

/// <summary>Accounts with their roles, scope unit and person; each user name opens the account's edit page.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int? PageNumber { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];
    public Pager Paging { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }

    public sealed record UserRow(string Id, string? UserName, string DisplayName, int UnitId, string UnitName,
        int? PersonId, string? PersonName, bool IsActive, DateTimeOffset? LockoutEnd)
    {
        public IReadOnlyList<string> Roles { get; init; } = [];
    }

    public async Task OnGetAsync()
    {
        Now = clock.GetUtcNow();
        var query = db.Users.AsNoTracking();
        if (AdminText.Clean(Q) is { } q)
        {
            var term = q.ToLowerInvariant();
            query = query.Where(u => (u.UserName != null && u.UserName.ToLower().Contains(term)) || u.DisplayName.ToLower().Contains(term));
        }
        Paging = Pager.For(Request, PageNumber ?? 1, AdminPageSize, await query.CountAsync());
        var rows = await query
            .OrderBy(u => u.UserName)
            .Skip(Paging.Skip).Take(Paging.PageSize)
            .Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.OrgUnitId, u.OrgUnit!.Name,
                u.PersonId, u.Person!.FullName, u.IsActive, u.LockoutEnd))
            .ToListAsync();

        // Roles for this page only, in one query rather than one per account.
        var ids = rows.Select(r => r.Id).ToList();
        var roles = (await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            where ids.Contains(ur.UserId)
                            select new { ur.UserId, r.Name }).ToListAsync())
            .ToLookup(x => x.UserId, x => x.Name ?? "");
        Users = rows.Select(r => r with { Roles = roles[r.Id].Select(Accounts.Roles.DisplayName).Order(AdminText.Collation).ToList() }).ToList();
    }
}
