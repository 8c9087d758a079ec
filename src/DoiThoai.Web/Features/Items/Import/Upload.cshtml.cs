using System.Security.Cryptography;
using System.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Documents;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Shared;
using DoiThoai.Web.Features.Spreadsheets;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>
/// /Sessions/{id}/Import: a list of items collected on paper, typed into a sheet (.xlsx or CSV),
/// uploaded, shown back row by row with every problem and its row number, and imported only when
/// confirmed and only if no row has a problem. The uploaded file waits in the shared files folder
/// (imports/, per user) between the preview and the confirmation, so the two steps may land on
/// different nodes; the import runs as a job recorded in the database, whose progress has its own
/// page. Only the office and leaders of the hosting committee import.
/// </summary>
[UploadLimits]
public sealed class ImportItemsModel(
    SessionWorkflow sessions, UserScope scope, AppDbContext db, AttachmentStore store, ImportJobs jobs,
    IConfiguration config, IHostEnvironment env, IStringLocalizer<SharedResource> t) : PageModel
{
    public DialogueSession Session { get; private set; } = null!;
    public bool AcceptsItems { get; private set; }
    public ImportSheet? Preview { get; private set; }
    public string? FileName { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public CsvEncoding FileEncoding { get; set; }
    /// <summary>The uploaded file's name under imports/ (a GUID and its extension), carried by the confirm form.</summary>
    [BindProperty] public string? Token { get; set; }

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(async () =>
    {
        await LoadAsync(id);
        return Page();
    });

    /// <summary>The template to fill in: ?format=xlsx or ?format=csv.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(string? format)
    {
        const string name = "Mẫu nhập ý kiến, kiến nghị";
        if (string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            DocumentFile.WriteHeaders(Response, name + ".csv");
            return File(await ItemSheetImport.TemplateCsvAsync(), "text/csv; charset=utf-8");
        }
        DocumentFile.WriteHeaders(Response, name + ".xlsx");
        return File(await ItemSheetImport.TemplateXlsxAsync(), XlsxWriter.ContentType);
    }

    /// <summary>Upload: keep the file, check it, show the preview.</summary>
    public Task<IActionResult> OnPostAsync(int id) => this.TryLoadAsync(async () =>
    {
        await LoadAsync(id);
        return await RefusingBadInputAsync(async () =>
        {
            if (Upload is null || Upload.Length == 0)
                throw new DomainValidationException("upload", "Hãy chọn tệp .xlsx hoặc .csv có dữ liệu (tệp trống).");
            if (Upload.Length > store.MaxBytes)
                throw new DomainValidationException("upload", $"Tệp lớn hơn giới hạn {store.MaxMegabytes} MB; hãy chia thành nhiều tệp.");
            var extension = SheetReader.IsXlsx(Upload.FileName) ? ".xlsx" : SheetReader.IsCsv(Upload.FileName) ? ".csv"
                : throw new DomainValidationException("upload", "Chỉ nhận tệp .xlsx (Excel) hoặc .csv.");
            RemoveOldFiles();
            Token = Guid.NewGuid().ToString("N") + extension;
            Directory.CreateDirectory(Folder);
            await using (var target = System.IO.File.Create(Path.Combine(Folder, Token)))
                await Upload.CopyToAsync(target, HttpContext.RequestAborted);
            FileName = Upload.FileName;
            await CheckAsync();
            return Page();
        });
    });

    /// <summary>Confirm: read the kept file again, and import it if every row is right.</summary>
    public Task<IActionResult> OnPostConfirmAsync(int id) => this.TryLoadAsync(async () =>
    {
        await LoadAsync(id);
        return await RefusingBadInputAsync(async () =>
        {
            await CheckAsync();
            if (!Preview!.IsValid) return Page();
            // The job takes the upload's token as its id: a second confirmation of the same file,
            // on this node or another, finds that job instead of importing the rows again.
            var (path, tokenId) = KeptFile();
            var job = await jobs.StartAsync(db, tokenId, id, [.. Preview.ToImportRows(id)], await scope.ActorAsync(), HttpContext.RequestAborted);
            System.IO.File.Delete(path);
            return Redirect($"/Sessions/{id}/Import/{job.Id:N}");
        });
    });

    private async Task LoadAsync(int id)
    {
        Session = await sessions.FindVisibleAsync(id);
        if (!await scope.RunsSessionAsync(Session.HostUnitId)) throw new AccessDeniedException();
        AcceptsItems = ItemSheetImport.StageFor(Session) is not null;
    }

    /// <summary>Reads the kept file and fills <see cref="Preview"/>; a sheet with problems answers 400.</summary>
    private async Task CheckAsync()
    {
        if (!AcceptsItems) throw new DomainValidationException("upload", "Hội nghị ở trạng thái này không nhận thêm ý kiến.");
        List<SheetRow> rows;
        try
        {
            // Missing when it was never ours, is over a day old, or was imported (perhaps by a confirmation on another node just now).
            await using var file = System.IO.File.OpenRead(KeptFile().Path);
            rows = SheetReader.Read(file, Token!, ItemSheetImport.MaxRows, FileEncoding);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DomainValidationException("upload", UploadGone);
        }
        Preview = await ItemSheetImport.CheckAsync(rows, Session, db, HttpContext.RequestAborted);
        if (!Preview.IsValid) Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private async Task<IActionResult> RefusingBadInputAsync(Func<Task<IActionResult>> run)
    {
        try
        {
            return await run();
        }
        catch (DomainValidationException e)
        {
            ModelState.AddModelError(nameof(Upload), t[e.Message]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Preview = null;
            return Page();
        }
    }

    private const string UploadGone = "Tệp đã tải lên không còn; hãy tải tệp lên lại.";

    /// <summary>
    /// The kept file of this user and its token's id; a token that is not a bare file name of ours
    /// (say, "../another folder/…") is refused like a missing file.
    /// </summary>
    private (string Path, Guid Id) KeptFile()
    {
        var name = Token ?? "";
        if (Path.GetFileName(name) != name || !Guid.TryParseExact(Path.GetFileNameWithoutExtension(name), "N", out var id)
            || Path.GetExtension(name) is not (".xlsx" or ".csv"))
            throw new DomainValidationException("upload", UploadGone);
        return (Path.Combine(Folder, name), id);
    }

    /// <summary>
    /// imports/ under the shared files folder (Storage:FilesPath, ADR 0020), so the node that takes
    /// the confirmation reads what another node received.
    /// </summary>
    private string Root => Path.Combine(Data.DatabaseSetup.FilesPath(config, env), ImportsFolder);

    public const string ImportsFolder = "imports";

    /// <summary>imports/{hash of the user id}: one user never confirms another's upload.</summary>
    private string Folder
    {
        get
        {
            var user = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "";
            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user)))[..24];
            return Path.Combine(Root, hash);
        }
    }

    /// <summary>Uploads never confirmed are removed after a day, whoever left them (the file times are the file system's, not the app clock's).</summary>
    private void RemoveOldFiles()
    {
        if (!Directory.Exists(Root)) return;
        foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LastWriteTimeUtc < DateTime.UtcNow.AddDays(-1)))
        {
            // Another node may be removing the same file at the same moment.
            try { file.Delete(); } catch (IOException) { }
        }
    }
}
