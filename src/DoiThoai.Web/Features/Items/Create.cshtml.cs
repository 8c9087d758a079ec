using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Routing;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Shared;
using DoiThoai.Web.Features.Similar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// Recording an item on a session. Office staff record any item at any stage the session accepts;
/// a party member sends an opinion of their own before the session, through a shorter form.
/// </summary>
[EnableRateLimiting(RateLimits.Similar)] // counts only the similar-items check
public sealed class CreateItemModel(ItemWorkflow workflow, UserScope scope, SimilarItems similar, RoutingService routing, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? SessionId { get; set; }
    [BindProperty] public ItemFormInput Input { get; set; } = new();

    public SessionHeading? Session { get; private set; }
    public RoutingSuggestionView Routing { get; private set; } = RoutingSuggestionView.None;
    /// <summary>Office staff see every field; a member sees text, topic and kind.</summary>
    public bool IsSecretariat => scope.IsSecretariat;
    private bool MayRaise => scope.IsSecretariat || scope.IsInRole(Roles.Member);

    public SimilarItemsView Similar { get; private set; } = SimilarItemsView.None;
    public List<SelectListItem> OpenSessions { get; private set; } = [];
    public List<SelectListItem> People { get; private set; } = [];
    public List<SelectListItem> Units { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];
    public List<SelectListItem> Stages { get; private set; } = [];
    public List<SelectListItem> Urgencies { get; private set; } = [];
    public List<SelectListItem> Confidentialities { get; private set; } = [];

    public sealed record SessionHeading(int Id, string Title, DateTime StartsAtUtc, SessionStatus Status);

    public Task<IActionResult> OnGetAsync()
    {
        if (!MayRaise) return Task.FromResult(PageErrors.Forbidden());
        return this.TryLoadAsync(async () =>
        {
            if (SessionId is null) return await ShowSessionChoiceAsync();
            await ShowFormAsync();
            // Defaults that match what is usually recorded: an opinion, at the session if it is
            // under way, internal until someone decides it may be published.
            Input.Kind ??= ItemKind.Opinion;
            Input.Urgency ??= Urgency.Normal;
            Input.Confidentiality ??= Confidentiality.Internal;
            Input.Stage ??= Session!.Status is SessionStatus.Planned or SessionStatus.Announced
                ? RaisedStage.BeforeSession
                : RaisedStage.AtSession;
            return Page();
        });
    }

    /// <summary>
    /// <paramref name="next"/> is set by the "save and record the next one" button;
    /// <paramref name="suggest"/> by "suggest a topic and unit", which saves nothing.
    /// </summary>
    public Task<IActionResult> OnPostAsync(string? next, string? suggest)
    {
        if (!MayRaise) return Task.FromResult(PageErrors.Forbidden());
        if (SessionId is not { } sessionId) return Task.FromResult<IActionResult>(NotFound());
        if (suggest is not null) return IsSecretariat ? this.TryLoadAsync(SuggestAsync) : Task.FromResult(PageErrors.Forbidden());
        var input = Input.ToItemInput(IsSecretariat);
        return this.TryChangeAsync(t, nameof(Input),
            async () =>
            {
                var item = await workflow.RaiseAsync(sessionId, input);
                TempData["Message"] = t["Đã ghi nhận ý kiến số {0}.", item.Number].Value;
                return next is null
                    ? RedirectToPage("/Items/Details", new { id = item.Id })
                    : RedirectToPage(new { sessionId });
            },
            ShowFormAsync,
            e => e.Action == "add-item"
                ? t["Hội nghị đang ở trạng thái “{0}”, không nhận ý kiến ở giai đoạn “{1}”.",
                    t[SessionLabels.OfState(e.CurrentState)], t[ItemLabels.Of(input.Stage ?? RaisedStage.AtSession)]]
                : PageErrors.Refusal(t, ItemLabels.OfAction(e.Action), ItemLabels.OfState(e.CurrentState)));
    }

    /// <summary>
    /// "Find similar": the form again, as typed, with earlier similar items; similar-items.js asks for
    /// the list alone while the text is typed.
    /// </summary>
    public async Task<IActionResult> OnPostSimilarAsync()
    {
        if (!MayRaise) return PageErrors.Forbidden();
        Similar = await SimilarItemsView.FindAsync(similar, Input.Text, null, HttpContext.RequestAborted);
        if (SimilarItemsView.WantsListOnly(Request)) return Partial("_SimilarItems", Similar);
        if (SessionId is null) return NotFound();
        ModelState.Clear();
        return await this.TryLoadAsync(ShowFormAsync);
    }

    /// <summary>The form again as typed, with the suggested topic selected; the person still saves it.</summary>
    private async Task<IActionResult> SuggestAsync()
    {
        Routing = await RoutingSuggestionView.ForAsync(routing, Input.Text, HttpContext.RequestAborted);
        if (Routing.Suggestion?.Topic is { } topic)
        {
            ModelState.Remove("Input.TopicId"); // else the select shows the posted value, not the suggestion
            Input.TopicId = topic.Id;
        }
        return await ShowFormAsync();
    }

    private async Task<IActionResult> ShowSessionChoiceAsync()
    {
        OpenSessions = await SelectLists.For(HttpContext).SessionsAsync(filter: sessions => IsSecretariat
            ? sessions.Where(s => s.Status != SessionStatus.Closed && s.Status != SessionStatus.Cancelled)
            : sessions.Where(s => s.Status == SessionStatus.Planned || s.Status == SessionStatus.Announced || s.Status == SessionStatus.Collecting));
        return Page();
    }

    private async Task<IActionResult> ShowFormAsync()
    {
        Session = await (await scope.SessionsAsync())
            .Where(s => s.Id == SessionId)
            .Select(s => new SessionHeading(s.Id, s.Title, s.StartsAtUtc, s.Status))
            .SingleOrDefaultAsync()
            ?? throw new NotFoundException("Không tìm thấy hội nghị.");
        var lists = SelectLists.For(HttpContext);
        Topics = await lists.TopicsAsync();
        Kinds = lists.Choices<ItemKind>(ItemLabels.Of);
        if (IsSecretariat)
        {
            People = await lists.PeopleAsync();
            Units = await lists.AllUnitsAsync();
            Stages = lists.Choices<RaisedStage>(ItemLabels.Of);
            Urgencies = lists.Choices<Urgency>(ItemLabels.Of);
            Confidentialities = lists.Choices<Confidentiality>(ItemLabels.Of);
        }
        return Page();
    }
}

/// <summary>The item form as posted. Everything is optional here: the workflow says what is missing.</summary>
public sealed class ItemFormInput
{
    public ItemKind? Kind { get; set; }
    public RaisedStage? Stage { get; set; }
    public int? RaisedByPersonId { get; set; }
    public string? SpeakerName { get; set; }
    public int? OnBehalfOfUnitId { get; set; }
    public int? TopicId { get; set; }
    public Urgency? Urgency { get; set; }
    public Confidentiality? Confidentiality { get; set; }
    public string? Text { get; set; }

    /// <summary>
    /// A member's opinion is always sent before the session, in their own name; fields the short
    /// form does not show are ignored even if a hand-made request sends them.
    /// </summary>
    public ItemInput ToItemInput(bool fullForm) => fullForm
        ? new ItemInput(Kind, Stage, RaisedByPersonId, SpeakerName, OnBehalfOfUnitId, TopicId, Urgency, Confidentiality, Text)
        : new ItemInput(Kind, RaisedStage.BeforeSession, null, null, null, TopicId, null, null, Text);
}
