using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.People;

/// <summary>People known to the committee, searched by name, position or e-mail, a page at a time.</summary>
public sealed class IndexModel(AppDbContext db) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int? PageNumber { get; set; }

    public IReadOnlyList<PersonRow> People { get; private set; } = [];
    public Pager Paging { get; private set; } = null!;

    public sealed record PersonRow(int Id, string FullName, string? Position, int? UnitId, string? UnitName, string? Email, string? Phone, bool HasAccount);

    public async Task OnGetAsync()
    {
        var query = db.People.AsNoTracking();
        if (AdminText.Clean(Q) is { } q)
        {
            // Case-folding in SQL: lower() folds every letter on PostgreSQL but only ASCII on SQLite,
            // so "nguyễn" still finds "Nguyễn" there. Accent-insensitive search is the search feature's job.
            var term = q.ToLowerInvariant();
            query = query.Where(p => p.FullName.ToLower().Contains(term)
                || (p.Position != null && p.Position.ToLower().Contains(term))
                || (p.Email != null && p.Email.ToLower().Contains(term)));
        }
        Paging = Pager.For(Request, PageNumber ?? 1, AdminPageSize, await query.CountAsync());
        People = await query
            .OrderBy(p => p.FullName).ThenBy(p => p.Id)
            .Skip(Paging.Skip).Take(Paging.PageSize)
            .Select(p => new PersonRow(p.Id, p.FullName, p.Position, p.OrgUnitId, p.OrgUnit!.Name, p.Email, p.Phone,
                db.Users.Any(u => u.PersonId == p.Id)))
            .ToListAsync();
    }
}
