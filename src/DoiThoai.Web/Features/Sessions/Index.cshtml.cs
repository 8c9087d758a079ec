using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>The sessions the user may see, newest first, filtered by status, year and words of the title.</summary>
public sealed class SessionListModel(UserScope scope) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public SessionStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SessionRow> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;
    public List<SelectListItem> Statuses { get; private set; } = [];
    public List<SelectListItem> Years { get; private set; } = [];
    public bool CanPlan => scope.IsSecretariat;
    public bool IsFiltered => Status is not null || Year is not null || !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync()
    {
        // A filter value that does not bind (a hand-edited address) is simply not applied.
        var visible = await scope.SessionsAsync();
        var sessions = visible;
        if (Status is { } status) sessions = sessions.Where(s => s.Status == status);
        if (Year is { } year and >= 1900 and <= 2200)
        {
            // Years are Vietnam years: a session at 06:00 on 1 January belongs to the new year.
            var from = VietnamTime.ToUtc(new DateTime(year, 1, 1));
            var to = VietnamTime.ToUtc(new DateTime(year + 1, 1, 1));
            sessions = sessions.Where(s => s.StartsAtUtc >= from && s.StartsAtUtc < to);
        }
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // Titles are stored NFC; some keyboards send decomposed letters. This is a plain
            // "contains" (SQLite's lower() folds ASCII letters only); search with tone- and
            // fold-keys belongs to the Search feature.
            var text = Q.Trim().Normalize(NormalizationForm.FormC).ToLower(WebUiSetup.Vietnamese);
            sessions = sessions.Where(s => s.Title.ToLower().Contains(text));
        }

        Pager = Pager.For(Request, PageNumber, PageSize, await sessions.CountAsync());
        Rows = await SessionRow.Query(sessions.OrderByDescending(s => s.StartsAtUtc).ThenByDescending(s => s.Id)
                .Skip(Pager.Skip).Take(PageSize), await scope.ItemsAsync())
            .ToListAsync();

        var lists = SelectLists.For(HttpContext);
        Statuses = lists.Choices(SessionLabels.Of, Status);
        Years = await YearsAsync(visible, Year);
    }

    /// <summary>Every year from the first session to the last one the user may see, newest first.</summary>
    private static async Task<List<SelectListItem>> YearsAsync(IQueryable<DialogueSession> visible, int? selected)
    {
        var first = await visible.MinAsync(s => (DateTime?)s.StartsAtUtc);
        var last = await visible.MaxAsync(s => (DateTime?)s.StartsAtUtc);
        if (first is null || last is null) return [];
        var firstYear = VietnamTime.ToLocal(first.Value).Year;
        var lastYear = VietnamTime.ToLocal(last.Value).Year;
        return Enumerable.Range(firstYear, lastYear - firstYear + 1).Reverse()
            .Select(y => y.ToString(CultureInfo.InvariantCulture))
            .Select(y => new SelectListItem(y, y, y == selected?.ToString(CultureInfo.InvariantCulture)))
            .ToList();
    }
}
