using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// Answering many similar items at once: the office answers items of a session on the spot
/// ("answer"), a handler drafts one answer for several items led by their unit ("draft-answer").
/// Each item goes through its own transition and history; all are saved together or none is.
/// </summary>
public sealed class BulkAnswerModel(ItemWorkflow workflow, UserScope scope, AppDbContext db, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Candidates listed at most; narrow the filter for more.</summary>
    public const int MaxRows = ItemWorkflow.MaxBulkItems;

    [BindProperty(SupportsGet = true)] public string? Mode { get; set; }
    [BindProperty(SupportsGet = true)] public int? SessionId { get; set; }
    [BindProperty(SupportsGet = true)] public int? TopicId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty] public List<int> ItemIds { get; set; } = [];
    [BindProperty] public string? Answer { get; set; }
    [BindProperty] public AnswerOutcome? Outcome { get; set; }
    [BindProperty] public string? AnsweredBy { get; set; }
    [BindProperty] public string? OutcomeNote { get; set; }
    [BindProperty] public int? TemplateId { get; set; }

    public sealed record Candidate(int Id, int SessionId, DateTime SessionStartsAtUtc, int Number, string? Speaker, string? Topic, string Excerpt, ItemStatus Status, string? LeadUnit);

    public IReadOnlyList<string> Modes { get; private set; } = [];
    public IReadOnlyList<Candidate> Candidates { get; private set; } = [];
    public bool MoreThanShown { get; private set; }
    public List<SelectListItem> Sessions { get; private set; } = [];
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> OutcomeChoices { get; private set; } = [];
    public List<SelectListItem> TemplateChoices { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => this.TryLoadAsync(async () =>
    {
        var forbidden = await ChooseModeAsync();
        if (forbidden is not null) return forbidden;
        Outcome ??= Mode == Item.Actions.Answer ? AnswerOutcome.Explained : null;
        return await ShowAsync();
    });

    public Task<IActionResult> OnPostAsync() => this.TryLoadAsync(async () =>
    {
        var forbidden = await ChooseModeAsync();
        if (forbidden is not null) return forbidden;
        if (!ModelState.IsValid)
        {
            // Only binding fails here (an unknown outcome, an id that is not a number).
            PageErrors.ReplaceBindingMessages(this, t);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync();
        }
        try
        {
            var done = await workflow.PerformManyAsync(ItemIds,
                Mode!, new ItemActionArgs(Answer: Answer, Outcome: Outcome, AnsweredBy: AnsweredBy, OutcomeNote: OutcomeNote));
            TempData["Message"] = t["Đã trả lời {0} ý kiến.", done.Count].Value;
            return Redirect(FilterUrl());
        }
        catch (DomainValidationException e)
        {
            await RefuseAsync(e, PageErrors.FieldKey("", e.Field), t[e.Message], StatusCodes.Status400BadRequest);
        }
        catch (WorkflowException e)
        {
            await RefuseAsync(e, "", PageErrors.Refusal(t, ItemLabels.OfAction(e.Action), ItemLabels.OfState(e.CurrentState)), StatusCodes.Status409Conflict);
        }
        catch (AccessDeniedException e)
        {
            await RefuseAsync(e, "", t["Bạn không có quyền trả lời ý kiến này."], StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException e)
        {
            await RefuseAsync(e, "", t["Không tìm thấy ý kiến, kiến nghị."], StatusCodes.Status404NotFound);
        }
        return await ShowAsync();
    });

    /// <summary>Puts the template's text into the answer box; nothing is saved and the ticked items stay ticked.</summary>
    public Task<IActionResult> OnPostUseTemplateAsync() => this.TryLoadAsync(async () =>
    {
        var forbidden = await ChooseModeAsync();
        if (forbidden is not null) return forbidden;
        ModelState.Clear();
        var text = TemplateId is { } templateId
            ? await db.AnswerTemplates.AsNoTracking().Where(x => x.Id == templateId && x.IsActive).Select(x => x.Text).SingleOrDefaultAsync()
            : null;
        if (text is null)
        {
            ModelState.AddModelError(nameof(TemplateId), t["Cần chọn một mẫu trả lời."]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Answer = string.IsNullOrWhiteSpace(Answer) ? text : Answer.TrimEnd() + "\n\n" + text;
        }
        return await ShowAsync();
    });

    /// <summary>The office answers on the spot; handlers draft. Anyone else may not use the page.</summary>
    private async Task<IActionResult?> ChooseModeAsync()
    {
        var caller = await workflow.CallerAsync();
        var modes = new List<string>();
        if (caller.IsSecretariat) modes.Add(Item.Actions.Answer);
        if (caller.IsHandler) modes.Add(Item.Actions.DraftAnswer);
        Modes = modes;
        if (modes.Count == 0) return PageErrors.Forbidden();
        if (Mode is null || !modes.Contains(Mode)) Mode = modes[0];
        return null;
    }

    private async Task RefuseAsync(Exception e, string key, string message, int status)
    {
        if (e.Data[ItemWorkflow.FailedItemKey] is int failed)
        {
            var number = await (await scope.ItemsAsync()).Where(i => i.Id == failed).Select(i => (int?)i.Number).SingleOrDefaultAsync();
            message = t["Ý kiến số {0}: {1}", number?.ToString(CultureInfo.InvariantCulture) ?? "#" + failed, message];
        }
        ModelState.AddModelError(key, message);
        Response.StatusCode = status;
    }

    private async Task<IActionResult> ShowAsync()
    {
        var caller = await workflow.CallerAsync();
        var mode = Mode!;
        var states = Enum.GetValues<ItemStatus>().Where(s => Item.AllowedActionsIn(s).Contains(mode)).ToList();
        var items = (await scope.ItemsAsync()).Where(i => states.Contains(i.Status));
        if (mode == Item.Actions.DraftAnswer && caller.Overseen is { } overseen)
        {
            var units = overseen.ToList();
            items = items.Where(i => i.Assignments.Any(a => units.Contains(a.LeadUnitId)));
        }
        if (SessionId is { } sessionId) items = items.Where(i => i.SessionId == sessionId);
        if (TopicId is { } topicId) items = items.Where(i => i.TopicId == topicId);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var text = Q.Trim().Normalize(NormalizationForm.FormC).ToLower(WebUiSetup.Vietnamese);
            items = items.Where(i => i.Text.ToLower().Contains(text));
        }
        var rows = await items
            .OrderByDescending(i => i.Session!.StartsAtUtc).ThenBy(i => i.SessionId).ThenBy(i => i.Number)
            .Select(i => new
            {
                i.Id, i.SessionId, i.Session!.StartsAtUtc, i.Session.HostUnitId, i.Number, i.Status, i.RaisedByPersonId,
                Speaker = i.RaisedByPerson != null ? i.RaisedByPerson.FullName : i.SpeakerName,
                Topic = i.Topic != null ? i.Topic.Name : null,
                TextStart = i.Text.Length > ItemListRow.ExcerptLength ? i.Text.Substring(0, ItemListRow.ExcerptLength) : i.Text,
                Longer = i.Text.Length > ItemListRow.ExcerptLength,
                Current = i.Assignments.OrderByDescending(a => a.AssignedAtUtc).ThenByDescending(a => a.Id)
                    .Select(a => new { a.LeadUnitId, LeadName = a.LeadUnit!.Name, CoUnits = a.CoUnits.Select(c => c.OrgUnitId).ToList() })
                    .FirstOrDefault(),
            })
            .Take(MaxRows + 1)
            .ToListAsync();
        // The database narrowed by state and unit; the rules decide, item by item.
        var allowed = rows.Where(r => caller.AllowedActions(new ItemFacts(r.Status, r.RaisedByPersonId, r.Current?.LeadUnitId, r.Current?.CoUnits ?? [], r.HostUnitId))
            .Contains(mode)).ToList();
        MoreThanShown = allowed.Count > MaxRows;
        Candidates = allowed.Take(MaxRows)
            .Select(r => new Candidate(r.Id, r.SessionId, r.StartsAtUtc, r.Number,
                caller.MaySeeSpeaker(r.HostUnitId, r.RaisedByPersonId) ? r.Speaker : null, r.Topic, ItemListRow.ExcerptOf(r.TextStart, r.Longer), r.Status, r.Current?.LeadName))
            .ToList();

        var lists = SelectLists.For(HttpContext);
        Sessions = await lists.SessionsAsync(SessionId);
        Topics = await lists.TopicsAsync(TopicId);
        OutcomeChoices = lists.Choices(ItemLabels.Of, Outcome);
        TemplateChoices = await db.AnswerTemplates.AsNoTracking()
            .Where(x => x.IsActive && (TopicId == null || x.TopicId == null || x.TopicId == TopicId))
            .OrderBy(x => x.TopicId == null ? 1 : 0).ThenBy(x => x.Title)
            .Select(x => new SelectListItem(x.Title, x.Id.ToString()))
            .ToListAsync();
        foreach (var choice in TemplateChoices) choice.Selected = choice.Value == TemplateId?.ToString(CultureInfo.InvariantCulture);
        return Page();
    }

    /// <summary>This page with the current filters, for after a successful answer.</summary>
    public string FilterUrl()
    {
        var query = new Dictionary<string, string?>();
        if (Mode is not null) query["mode"] = Mode;
        if (SessionId is { } s) query["sessionId"] = s.ToString(CultureInfo.InvariantCulture);
        if (TopicId is { } topic) query["topicId"] = topic.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrWhiteSpace(Q)) query["q"] = Q;
        return "/Items/BulkAnswer" + QueryString.Create(query);
    }

    public IEnumerable<string> ErrorsFor(string key) =>
        ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : [];
}
