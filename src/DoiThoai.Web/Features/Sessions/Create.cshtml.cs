using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>Planning a new session (office staff, leaders, administrators).</summary>
public sealed class CreateSessionModel(SessionWorkflow workflow, UserScope scope, IStringLocalizer<SharedResource> t)
    : SessionFormPage(t)
{
    public Task<IActionResult> OnGetAsync() =>
        scope.IsSecretariat ? ShowFormAsync() : Task.FromResult(PageErrors.Forbidden());

    public Task<IActionResult> OnPostAsync() =>
        scope.IsSecretariat
            ? SaveAsync(workflow.PlanAsync, T["Đã lên kế hoạch hội nghị."])
            : Task.FromResult(PageErrors.Forbidden());
}
