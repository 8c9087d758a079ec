using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Items;

/// <summary>Downloads an attachment of an item the user may read (404 otherwise), always as a file to save.</summary>
public sealed class ItemAttachmentModel(ItemWorkflow workflow, AppDbContext db, AttachmentStore store) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, int attachmentId) => this.TryLoadAsync(async () =>
    {
        var file = await AttachmentDownload.FindAsync(id, attachmentId, workflow, db, store);
        AttachmentDownload.AddSafetyHeaders(Response);
        return PhysicalFile(file.Path, file.ContentType, file.FileName);
    });
}
