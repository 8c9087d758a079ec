using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Portal.Admin;

/// <summary>
/// The committee's public documents (number, date, summary, file) behind the library page. Only
/// editors change what the public reads, as for articles; the file is checked by its content and kept
/// in the attachment store under its SHA-256, and nothing is written unless the whole form is valid.
/// </summary>
[RequestSizeLimit(AttachmentStore.DefaultMaxBytes + 1024 * 1024)]
public sealed class PortalDocumentsAdminModel(AppDbContext db, ArticleWorkflow workflow, AttachmentStore files, PortalCache cache,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class DocumentInput
    {
        public string? Number { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public IFormFile? File { get; set; }
    }

    [BindProperty] public DocumentInput Input { get; set; } = new();
    public IReadOnlyList<PortalDocument> Documents { get; private set; } = [];
    public bool MayChange => workflow.IsEditor;

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public Task<IActionResult> OnPostAsync() =>
        this.TryChangeAsync(t, nameof(Input), async () =>
        {
            if (!MayChange) throw new AccessDeniedException("Chỉ biên tập viên được công bố văn bản.");
            var document = new PortalDocument
            {
                Number = Required(Input.Number, "Number", "Nhập số, ký hiệu văn bản.", 100),
                IssuedOn = Input.IssuedOn ?? throw new DomainValidationException("IssuedOn", "Nhập ngày ban hành."),
                Title = Required(Input.Title, "Title", "Nhập tên văn bản.", 300),
                Summary = Required(Input.Summary, "Summary", "Nhập trích yếu.", 2_000),
            };
            if (Input.File is not { Length: > 0 } file) throw new DomainValidationException("File", "Chọn tệp văn bản (PDF hoặc DOCX).");
            PreparedUpload upload;
            try
            {
                upload = (await files.PrepareAsync([file], HttpContext.RequestAborted)).Single();
            }
            catch (DomainValidationException e)
            {
                throw new DomainValidationException("File", e.Message); // the store names its own field
            }
            try
            {
                if (upload.ContentType is not ("application/pdf" or "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
                    throw new DomainValidationException("File", "Văn bản công bố phải là tệp PDF hoặc DOCX.");
                (document.FileName, document.ContentType, document.Sha256, document.Length) = (upload.FileName, upload.ContentType, upload.Sha256, upload.Length);
                files.Commit(upload);
            }
            catch
            {
                AttachmentStore.Discard([upload]);
                throw;
            }
            db.PortalDocuments.Add(document);
            await db.SaveChangesAsync();
            await cache.EvictAsync();
            TempData["Message"] = t["Đã công bố văn bản “{0}”.", document.Number].Value;
            return Redirect("/Portal/Admin/Documents");
        }, async () =>
        {
            await LoadAsync();
            return Page();
        });

    public async Task<IActionResult> OnPostRemoveAsync(int id)
    {
        if (!MayChange) return Forbid();
        var document = await db.PortalDocuments.SingleOrDefaultAsync(d => d.Id == id);
        if (document is null) return NotFound();
        // Withdrawn, not deleted: the record of what was published stays.
        document.IsPublic = false;
        await db.SaveChangesAsync();
        await cache.EvictAsync();
        TempData["Message"] = t["Đã gỡ văn bản “{0}” khỏi trang công khai.", document.Number].Value;
        return Redirect("/Portal/Admin/Documents");
    }

    private static string Required(string? value, string field, string message, int maxLength)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text)) throw new DomainValidationException(field, message);
        if (text.Length > maxLength) throw new DomainValidationException(field, $"Nội dung dài quá {maxLength} ký tự.");
        return text;
    }

    private async Task LoadAsync() =>
        Documents = await db.PortalDocuments.AsNoTracking().OrderByDescending(d => d.IssuedOn).ThenByDescending(d => d.Id).ToListAsync();
}
