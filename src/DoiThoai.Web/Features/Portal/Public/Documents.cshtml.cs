using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal.Public;

/// <summary>The committee's public documents: number, date, summary and the file.</summary>
[OutputCache(PolicyName = PortalCache.Policy)]
public sealed class PortalDocumentsModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<PortalDocument> Documents { get; private set; } = [];

    public async Task OnGetAsync() =>
        Documents = await db.PortalDocuments.AsNoTracking().Where(d => d.IsPublic).OrderByDescending(d => d.IssuedOn).ThenBy(d => d.Number).ToListAsync();
}
