using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.PersonalData;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Admin.People;

/// <summary>
/// A person's data on their request (ADR 0021): what the system holds, a download of it, and
/// anonymisation. Both actions need the request they answer and are recorded.
/// </summary>
public sealed class DataModel(AppDbContext db, PersonalDataService data, UserScope scope) : AdminPageModel
{
    public const string ExportForm = "export", AnonymiseForm = "anonymise";

    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    /// <summary>The request the action answers, e.g. "Đơn đề nghị ngày 20/11/2026".</summary>
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    /// <summary>The form that was posted and refused: only it shows the typed reason and the message.</summary>
    public string? PostedForm { get; private set; }

    public PersonalDataService.Export Held { get; private set; } = null!;
    public bool IsAnonymised { get; private set; }
    public IReadOnlyList<PersonalDataActionRow> Actions { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => ShowAsync();

    public async Task<IActionResult> OnPostExportAsync()
    {
        PostedForm = ExportForm;
        try
        {
            var file = await data.ExportAsync(Id, Reason, await scope.ActorAsync(), HttpContext.RequestAborted);
            return File(file, "application/json", $"du-lieu-ca-nhan-{Id}.json");
        }
        catch (DomainValidationException e)
        {
            return await RefuseAsync(e.Message);
        }
    }

    public async Task<IActionResult> OnPostAnonymiseAsync()
    {
        PostedForm = AnonymiseForm;
        if (!Confirm) return await RefuseAsync("Cần đánh dấu ô xác nhận trước khi ẩn danh.");
        try
        {
            await data.AnonymiseAsync(Id, Reason, await scope.ActorAsync(), HttpContext.RequestAborted);
        }
        catch (DomainValidationException e)
        {
            return await RefuseAsync(e.Message);
        }
        Flash("Đã ẩn danh người #{0}.", Id);
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> RefuseAsync(string message)
    {
        ModelState.AddModelError(nameof(Reason), T[message]);
        var page = await ShowAsync();
        if (page is PageResult) Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> ShowAsync()
    {
        try
        {
            Held = await data.CollectAsync(Id, HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        IsAnonymised = await data.IsAnonymisedAsync(Id);
        Actions = await PersonalDataActionRow.Query(db.PersonalDataActions.Where(a => a.PersonId == Id)).ToListAsync();
        return Page();
    }
}
