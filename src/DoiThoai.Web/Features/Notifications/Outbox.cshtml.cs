using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// For administrators: the emails waiting, failing or given up on, with the last error, and a way
/// to send the failed ones again once the mail server is fixed. Nothing here deletes a row.
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class OutboxModel(AppDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)] public int PageNumber { get; set; } = 1;

    public sealed record Row(long Id, string? UserName, string? Email, NotificationKind Kind, string Title, DateTime CreatedAtUtc,
        EmailState State, int Attempts, DateTime? NextAttemptAtUtc, string? LastError);

    public IReadOnlyDictionary<EmailState, int> Counts { get; private set; } = new Dictionary<EmailState, int>();
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Counts = await db.Notifications.AsNoTracking().GroupBy(n => n.Email)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var waiting = db.Notifications.AsNoTracking().Where(n => n.Email == EmailState.Failed || n.Email == EmailState.Pending);
        Pager = Pager.For(Request, PageNumber, PageSize, await waiting.CountAsync());
        Rows = await waiting
            .OrderBy(n => n.Email == EmailState.Failed ? 0 : 1).ThenByDescending(n => n.EmailAttempts).ThenBy(n => n.Id)
            .Skip(Pager.Skip).Take(PageSize)
            .Select(n => new Row(n.Id, n.User!.UserName, n.User.Email, n.Kind, n.Title, n.CreatedAtUtc, n.Email, n.EmailAttempts, n.NextAttemptAtUtc, n.LastError))
            .ToListAsync();
    }

    /// <summary>Failed emails go back to the queue with a fresh count of attempts; their last error stays until they are sent.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long? id)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = db.Notifications.Where(n => n.Email == EmailState.Failed);
        if (id is { } one) failed = failed.Where(n => n.Id == one);
        var count = await failed.ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Email, EmailState.Pending)
            .SetProperty(n => n.EmailAttempts, 0)
            .SetProperty(n => n.NextAttemptAtUtc, now)
            .SetProperty(n => n.ClaimedUntilUtc, (DateTime?)null));
        TempData["Message"] = t["Đã đưa {0} thư vào hàng đợi để gửi lại.", Formats.Number(count)].Value;
        return LocalRedirect("/Notifications/Outbox");
    }
}
