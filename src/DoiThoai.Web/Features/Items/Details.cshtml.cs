using System.Globalization;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Routing;
using DoiThoai.Web.Features.Shared;
using DoiThoai.Web.Features.Similar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// The page of one item: what was said, by whom, the answer and its approval, the assignments with
/// their deadlines, extension requests, contributions, attachments, merged items and the history;
/// one form per action the caller may do now (the entity's state and the caller's part in it).
/// </summary>
[UploadLimits]
public sealed class ItemDetailsModel(ItemWorkflow workflow, UserScope scope, AppDbContext db, AttachmentStore store, SimilarItems similar, RoutingService routing, IStringLocalizer<SharedResource> t) : PageModel
{
    public Item Item { get; private set; } = null!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<string> AllowedActions { get; private set; } = [];
    /// <summary>Whether the caller sees the work on the item (drafts, contributions, extension requests).</summary>
    public bool MaySeeWork { get; private set; }
    /// <summary>Who raised the item with their position, for those who may see it (ADR 0021); null otherwise.</summary>
    public string? Speaker { get; private set; }
    public bool ShowsSpeaker { get; private set; }
    /// <summary>Whether the answer is shown: always to those who work on it, to others once it is final.</summary>
    public bool ShowsAnswer => Item.Answer is not null && (MaySeeWork || ItemWorkflow.IsSettledAnswer(Item.Status, Item.Answer));

    /// <summary>The action whose form was posted and refused: only it shows the typed values and field messages.</summary>
    public string? PostedAction { get; private set; }

    [BindProperty] public ActionInput Act { get; set; } = new();

    /// <summary>?similar=true: the office asked for earlier items like this one (to answer "already answered" or merge).</summary>
    [BindProperty(SupportsGet = true, Name = "similar")] public bool ShowSimilar { get; set; }
    public SimilarItemsView Similar { get; private set; } = SimilarItemsView.None;
    public bool MayLookForSimilar => scope.IsSecretariat;

    public sealed record AttachmentRow(int Id, int? ContributionId, string FileName, string ContentType, long Length, DateTime UploadedAtUtc);
    public sealed record MergedRow(int Id, int SessionId, int Number, string? Speaker, string? Unit);
    public sealed record TargetRow(int Id, int Number, ItemStatus Status, string? Answer, AnswerOutcome? Outcome, string? AnsweredBy,
        string? OutcomeNote, string? ApprovedBy, DateTime? ApprovedAtUtc);
    public sealed record TemplateRow(int Id, string Title, string Text);

    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];
    public IReadOnlyList<MergedRow> MergedItems { get; private set; } = [];
    /// <summary>The item this one was merged into, if the caller may see it.</summary>
    public TargetRow? MergedInto { get; private set; }
    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];
    /// <summary>The template the handler chose to start from, shown for copying.</summary>
    public TemplateRow? ChosenTemplate { get; private set; }
    public string MaxUploadMegabytes => store.MaxMegabytes;

    // Options of the action forms, selected on what was posted or, before that, on the item's values.
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];
    public List<SelectListItem> Urgencies { get; private set; } = [];
    public List<SelectListItem> Confidentialities { get; private set; } = [];
    public List<SelectListItem> Outcomes { get; private set; } = [];
    public List<SelectListItem> DraftOutcomes { get; private set; } = [];
    public List<SelectListItem> LeadUnits { get; private set; } = [];
    public List<SelectListItem> CoUnits { get; private set; } = [];
    public List<SelectListItem> ContributingUnits { get; private set; } = [];
    public List<SelectListItem> MergeTargets { get; private set; } = [];
    public List<SelectListItem> TemplateChoices { get; private set; } = [];
    /// <summary>What the deadline rules give for an assignment made today, shown beside the date boxes.</summary>
    public DateOnly? DefaultDueOn { get; private set; }
    public DateOnly? DefaultCoOperatingDueOn { get; private set; }
    public ExtensionRequest? PendingExtension { get; private set; }
    /// <summary>The routing model's lead unit for this text, pre-selected in the assign form (ADR 0010).</summary>
    public SuggestedChoice? SuggestedLeadUnit { get; private set; }

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(() => ShowAsync(id));

    /// <summary>One handler for every action; <paramref name="action"/> is the workflow's action name.</summary>
    public Task<IActionResult> OnPostActionAsync(int id, string? action)
    {
        PostedAction = action;
        return this.TryChangeAsync(t, nameof(Act),
            async () =>
            {
                await workflow.PerformAsync(id, action ?? "", Act.ToArgs(), Act.Files);
                TempData["Message"] = t["Đã thực hiện: {0}.", t[ItemLabels.OfAction(action ?? "")]].Value;
                return RedirectToPage(new { id });
            },
            () => ShowAsync(id),
            e => PageErrors.Refusal(t, ItemLabels.OfAction(e.Action), ItemLabels.OfState(e.CurrentState)));
    }

    /// <summary>
    /// "Use this template" on the draft form: the page comes back with the template's text in the
    /// answer box (after what was already typed), with no script needed. Nothing is saved.
    /// </summary>
    public Task<IActionResult> OnPostUseTemplateAsync(int id)
    {
        PostedAction = Item.Actions.DraftAnswer;
        ModelState.Clear();
        return this.TryLoadAsync(async () =>
        {
            var template = Act.TemplateId is { } templateId
                ? await db.AnswerTemplates.AsNoTracking().Where(x => x.Id == templateId && x.IsActive)
                    .Select(x => new TemplateRow(x.Id, x.Title, x.Text)).SingleOrDefaultAsync()
                : null;
            if (template is null)
            {
                ModelState.AddModelError("Act.TemplateId", t["Cần chọn một mẫu trả lời."]);
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else
            {
                ChosenTemplate = template;
                Act.Answer = string.IsNullOrWhiteSpace(Act.Answer) ? template.Text : Act.Answer.TrimEnd() + "\n\n" + template.Text;
            }
            return await ShowAsync(id);
        });
    }

    private bool Posted(string action) => PostedAction == action;

    private async Task<IActionResult> ShowAsync(int id)
    {
        Item = await workflow.FindVisibleAsync(id);
        AllowedActions = await workflow.AllowedActionsForAsync(Item);
        var caller = await workflow.CallerAsync();
        MaySeeWork = caller.MaySeeWork(ItemFacts.Of(Item));
        ShowsSpeaker = caller.MaySeeSpeaker(ItemFacts.Of(Item));
        Speaker = !ShowsSpeaker ? null
            : Item.RaisedByPerson is { } person ? person.FullName + (string.IsNullOrWhiteSpace(person.Position) ? "" : ", " + person.Position)
            : Item.SpeakerName;
        // Everyone who reads the item sees who moved it when; the notes of the work only those doing it.
        History = Item.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id)
            .Select(h => MaySeeWork || !ItemCaller.WorkActions.Contains(h.Action)
                ? h
                : new HistoryEntry(h.AtUtc, new Actor(h.ActorUserId, h.ActorName), h.Action, h.FromState, h.ToState, null))
            .ToList();
        PendingExtension = Item.ExtensionRequests.LastOrDefault(r => r.Decision == ExtensionDecision.Pending);
        var answerFilesOnly = !MaySeeWork;
        Attachments = (await db.Attachments.AsNoTracking().Where(a => a.ItemId == id)
            .OrderBy(a => a.UploadedAtUtc).ThenBy(a => a.Id)
            .Select(a => new AttachmentRow(a.Id, a.ContributionId, a.FileName, a.ContentType, a.Length, a.UploadedAtUtc))
            .ToListAsync())
            .Where(a => !answerFilesOnly || ItemWorkflow.IsFinalAnswerFile(a.ContributionId, a.UploadedAtUtc, Item.AnsweredAtUtc))
            .ToList();
        var visible = await scope.ItemsAsync();
        MergedItems = (await visible.Where(m => m.MergedIntoItemId == id && m.Status == ItemStatus.Merged)
            .OrderBy(m => m.SessionId).ThenBy(m => m.Number)
            .Select(m => new
            {
                Row = new MergedRow(m.Id, m.SessionId, m.Number,
                    m.RaisedByPerson != null ? m.RaisedByPerson.FullName : m.SpeakerName,
                    m.OnBehalfOfUnit != null ? m.OnBehalfOfUnit.Name : null),
                m.Session!.HostUnitId, m.RaisedByPersonId,
            })
            .ToListAsync())
            .Select(m => caller.MaySeeSpeaker(m.HostUnitId, m.RaisedByPersonId) ? m.Row : m.Row with { Speaker = null })
            .ToList();
        if (Item.MergedIntoItemId is { } targetId)
        {
            MergedInto = await visible.Where(x => x.Id == targetId)
                .Select(x => new TargetRow(x.Id, x.Number, x.Status, x.Answer, x.Outcome, x.AnsweredBy, x.OutcomeNote, x.ApprovedBy, x.ApprovedAtUtc))
                .SingleOrDefaultAsync();
        }
        if (ShowSimilar && MayLookForSimilar) Similar = await SimilarItemsView.FindAsync(similar, Item.Text, id, HttpContext.RequestAborted);
        if (AllowedActions.Count == 0) return Page();

        var lists = SelectLists.For(HttpContext);
        var classifying = Posted(Item.Actions.Classify);
        Topics = await lists.TopicsAsync(classifying ? Act.TopicId : Item.TopicId);
        Kinds = lists.Choices(ItemLabels.Of, classifying ? Act.Kind : Item.Kind);
        Urgencies = lists.Choices(ItemLabels.Of, classifying ? Act.Urgency : Item.Urgency);
        Confidentialities = lists.Choices(ItemLabels.Of, classifying ? Act.Confidentiality : Item.Confidentiality);
        Outcomes = lists.Choices(ItemLabels.Of, Posted(Item.Actions.Answer) ? Act.Outcome : AnswerOutcome.Explained);
        DraftOutcomes = lists.Choices(ItemLabels.Of, Posted(Item.Actions.DraftAnswer) ? Act.Outcome : Item.Outcome);
        if (AllowedActions.Contains(Item.Actions.Assign))
        {
            var assigning = Posted(Item.Actions.Assign);
            var lead = assigning ? Act.LeadUnitId?.ToString(CultureInfo.InvariantCulture) : null;
            var coUnits = assigning ? Act.CoUnitIds.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToHashSet() : [];
            LeadUnits = await lists.UnitsInScopeAsync();
            CoUnits = LeadUnits.Select(u => new SelectListItem(u.Text, u.Value, coUnits.Contains(u.Value))).ToList();
            if (!assigning && await routing.SuggestAsync(Item.Text, HttpContext.RequestAborted) is { LeadUnit: { } suggested }
                && LeadUnits.Any(u => u.Value == suggested.Id.ToString(CultureInfo.InvariantCulture)))
            {
                SuggestedLeadUnit = suggested;
                lead = suggested.Id.ToString(CultureInfo.InvariantCulture);
            }
            foreach (var unit in LeadUnits) unit.Selected = unit.Value == lead;
            (DefaultDueOn, DefaultCoOperatingDueOn) = await workflow.DefaultDueDatesAsync(Item.Kind);
        }
        if (AllowedActions.Contains(Item.Actions.Contribute))
        {
            var mine = (await workflow.CallerAsync()).CoUnitsOn(ItemFacts.Of(Item));
            ContributingUnits = Item.CurrentAssignment!.CoUnits.Where(c => mine.Contains(c.OrgUnitId))
                .Select(c => new SelectListItem(c.OrgUnit?.Name, c.OrgUnitId.ToString(CultureInfo.InvariantCulture),
                    Posted(Item.Actions.Contribute) && Act.UnitId == c.OrgUnitId))
                .ToList();
        }
        if (AllowedActions.Contains(Item.Actions.Merge))
        {
            // Duplicates are usually in the same session or on the same topic; the API takes any visible item.
            var topicId = Item.TopicId;
            var candidates = await visible
                .Where(x => x.Id != id && x.Status != ItemStatus.Merged && x.Status != ItemStatus.Returned
                    && (x.SessionId == Item.SessionId || (topicId != null && x.TopicId == topicId)))
                .OrderBy(x => x.SessionId == Item.SessionId ? 0 : 1).ThenByDescending(x => x.Session!.StartsAtUtc).ThenBy(x => x.Number)
                .Select(x => new { x.Id, x.Number, x.Text, x.Session!.StartsAtUtc })
                .Take(200)
                .ToListAsync();
            MergeTargets = candidates.Select(x => new SelectListItem(
                    t["Số {0} ({1}): {2}", x.Number, Formats.Date(VietnamTime.DateOf(x.StartsAtUtc)), ItemListRow.ExcerptOf(x.Text.Length > 80 ? x.Text[..80] : x.Text, x.Text.Length > 80)],
                    x.Id.ToString(CultureInfo.InvariantCulture),
                    Posted(Item.Actions.Merge) && Act.TargetItemId == x.Id))
                .ToList();
        }
        if (AllowedActions.Contains(Item.Actions.DraftAnswer))
        {
            var topicId = Item.TopicId;
            Templates = await db.AnswerTemplates.AsNoTracking()
                .Where(x => x.IsActive && (x.TopicId == null || x.TopicId == topicId))
                .OrderBy(x => x.TopicId == null ? 1 : 0).ThenBy(x => x.Title)
                .Select(x => new TemplateRow(x.Id, x.Title, x.Text))
                .ToListAsync();
            TemplateChoices = Templates.Select(x => new SelectListItem(x.Title, x.Id.ToString(CultureInfo.InvariantCulture), Act.TemplateId == x.Id)).ToList();
        }
        return Page();
    }

    /// <summary>The fields of the action forms; each action reads the ones it needs.</summary>
    public sealed class ActionInput
    {
        public int? TopicId { get; set; }
        public ItemKind? Kind { get; set; }
        public Urgency? Urgency { get; set; }
        public Confidentiality? Confidentiality { get; set; }
        public string? Answer { get; set; }
        public AnswerOutcome? Outcome { get; set; }
        public string? AnsweredBy { get; set; }
        public int? LeadUnitId { get; set; }
        public List<int> CoUnitIds { get; set; } = [];
        /// <summary>As the date box sends it (2026-12-31) or typed by hand (31/12/2026).</summary>
        public string? DueOn { get; set; }
        public string? CoOperatingDueOn { get; set; }
        public string? RequestedDueOn { get; set; }
        public bool? Grant { get; set; }
        public string? GrantedDueOn { get; set; }
        public string? OutcomeNote { get; set; }
        public bool? Satisfied { get; set; }
        public int? TargetItemId { get; set; }
        public string? To { get; set; }
        public int? UnitId { get; set; }
        public string? Text { get; set; }
        public int? TemplateId { get; set; }
        public string? Reason { get; set; }
        public string? Note { get; set; }
        public List<IFormFile> Files { get; set; } = [];
        /// <summary>The item's version the form was made from (ADR 0018).</summary>
        public int? Version { get; set; }

        public ItemActionArgs ToArgs() => new(
            TopicId, Kind, Urgency, Confidentiality,
            Answer, Outcome, AnsweredBy,
            LeadUnitId, CoUnitIds, FormValues.Date(DueOn, "dueOn"),
            Reason, Note,
            CoOperatingDueOn: FormValues.Date(CoOperatingDueOn, "coOperatingDueOn"),
            RequestedDueOn: FormValues.Date(RequestedDueOn, "requestedDueOn"),
            Grant: Grant,
            GrantedDueOn: FormValues.Date(GrantedDueOn, "grantedDueOn"),
            OutcomeNote: OutcomeNote, Satisfied: Satisfied, TargetItemId: TargetItemId, To: To, UnitId: UnitId, Text: Text, Version: Version);
    }
}
