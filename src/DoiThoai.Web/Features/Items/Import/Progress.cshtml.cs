using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>
/// /Sessions/{id}/Import/{job}: how far an import got, read from the job's row, so any node
/// answers. Without JavaScript: while it runs, the page asks the browser to load it again every
/// two seconds (the Refresh header) and has a button to do it by hand. Only the user who started
/// the job sees it; to anyone else it does not exist.
/// </summary>
public sealed class ImportProgressModel(ImportJobs jobs, AppDbContext db) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, Guid job)
    {
        var found = await jobs.FindAsync(db, job, User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, HttpContext.RequestAborted);
        if (found is null || found.SessionId != id) return NotFound();
        Job = found;
        if (!Job.IsFinished) Response.Headers["Refresh"] = "2";
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
