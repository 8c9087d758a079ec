using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Dashboard;

/// <summary>The first page after sign-in: items by state and the latest sessions the user may see.</summary>
public sealed class DashboardModel(UserScope scope, TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    public IReadOnlyList<StatusCount> ItemsByStatus { get; private set; } = [];
    public IReadOnlyList<SessionRow> RecentSessions { get; private set; } = [];

    public sealed record StatusCount(ItemStatus Status, int Count);

    public async Task OnGetAsync()
    {
        Today = VietnamTime.Today(clock.GetUtcNow().UtcDateTime);
        var items = await scope.ItemsAsync();
        ItemsByStatus = (await items.GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync())
            .Select(g => new StatusCount(g.Key, g.Count)).OrderBy(g => g.Status).ToList();
        var latest = (await scope.SessionsAsync()).OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id).Take(5);
        RecentSessions = await SessionRow.Query(latest, items).ToListAsync();
    }
}
