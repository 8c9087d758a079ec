using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Routing;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Routing;

/// <summary>
/// Routing suggestion (gợi ý phân loại): when the model was trained, from how many items and how
/// well it did on items held out; retraining replaces it for every node at once.
/// </summary>
public sealed class IndexModel(RoutingService routing, UserScope scope) : AdminPageModel
{
    public RoutingModelInfo? Current { get; private set; }
    public int MinimumItems => RoutingService.MinimumItems;

    public async Task OnGetAsync() => Current = await routing.CurrentAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var actor = await scope.ActorAsync();
        if (await TrySaveAsync(this, async () =>
            {
                var model = await routing.TrainAsync(actor.Name, HttpContext.RequestAborted);
                Flash("Đã huấn luyện lại gợi ý phân loại từ {0} ý kiến.", Formats.Number(model.TopicItemCount));
            }))
            return RedirectToPage();
        Current = await routing.CurrentAsync(HttpContext.RequestAborted);
        return FormWithErrors();
    }
}
