using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>Editing a session's plan; allowed until it is closed or cancelled.</summary>
public sealed class EditSessionModel(SessionWorkflow workflow, UserScope scope, IStringLocalizer<SharedResource> t)
    : SessionFormPage(t)
{
    public int Id { get; private set; }
    public string CurrentTitle { get; private set; } = "";
    /// <summary>A closed or cancelled session is shown without the form: its record is final.</summary>
    public bool IsFinal { get; private set; }

    public Task<IActionResult> OnGetAsync(int id) =>
        this.TryLoadAsync(async () =>
        {
            var session = await LoadAsync(id);
            Input = SessionFormInput.From(session);
            return await ShowFormAsync();
        });

    public Task<IActionResult> OnPostAsync(int id) =>
        this.TryLoadAsync(async () =>
        {
            await LoadAsync(id);
            return await SaveAsync(input => workflow.UpdateAsync(id, input), T["Đã lưu thông tin hội nghị."]);
        });

    private async Task<DialogueSession> LoadAsync(int id)
    {
        var session = await workflow.FindVisibleAsync(id);
        if (!await scope.RunsSessionAsync(session.HostUnitId)) throw new AccessDeniedException();
        Id = id;
        CurrentTitle = session.Title;
        IsFinal = session.Status is SessionStatus.Closed or SessionStatus.Cancelled;
        return session;
    }
}
