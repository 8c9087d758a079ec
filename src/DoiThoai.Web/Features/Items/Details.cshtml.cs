using System.Globalization;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// The page of one item: what was said, by whom, the answer, the assignments and the history;
/// for office staff one form per action the item's state allows.
/// </summary>
public sealed class ItemDetailsModel(ItemWorkflow workflow, IStringLocalizer<SharedResource> t) : PageModel
{
    public Item Item { get; private set; } = null!;
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<string> AllowedActions { get; private set; } = [];

    /// <summary>The action whose form was posted and refused: only it shows the typed values and field messages.</summary>
    public string? PostedAction { get; private set; }

    [BindProperty] public ActionInput Act { get; set; } = new();

    // Options of the action forms, selected on what was posted or, before that, on the item's values.
    public List<SelectListItem> Topics { get; private set; } = [];
    public List<SelectListItem> Kinds { get; private set; } = [];
    public List<SelectListItem> Urgencies { get; private set; } = [];
    public List<SelectListItem> Confidentialities { get; private set; } = [];
    public List<SelectListItem> Outcomes { get; private set; } = [];
    public List<SelectListItem> LeadUnits { get; private set; } = [];
    public List<SelectListItem> CoUnits { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(() => ShowAsync(id));

    /// <summary>One handler for every action; <paramref name="action"/> is the workflow's action name.</summary>
    public Task<IActionResult> OnPostActionAsync(int id, string? action)
    {
        PostedAction = action;
        return this.TryChangeAsync(t, nameof(Act),
            async () =>
            {
                await workflow.PerformAsync(id, action ?? "", Act.ToArgs());
                TempData["Message"] = t["Đã thực hiện: {0}.", t[ItemLabels.OfAction(action ?? "")]].Value;
                return RedirectToPage(new { id });
            },
            () => ShowAsync(id),
            e => PageErrors.Refusal(t, ItemLabels.OfAction(e.Action), ItemLabels.OfState(e.CurrentState)));
    }

    private bool Posted(string action) => PostedAction == action;

    private async Task<IActionResult> ShowAsync(int id)
    {
        Item = await workflow.FindVisibleAsync(id);
        History = Item.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToList();
        AllowedActions = workflow.AllowedActionsFor(Item);
        if (AllowedActions.Count == 0) return Page();

        var lists = SelectLists.For(HttpContext);
        var classifying = Posted(Item.Actions.Classify);
        Topics = await lists.TopicsAsync(classifying ? Act.TopicId : Item.TopicId);
        Kinds = lists.Choices(ItemLabels.Of, classifying ? Act.Kind : Item.Kind);
        Urgencies = lists.Choices(ItemLabels.Of, classifying ? Act.Urgency : Item.Urgency);
        Confidentialities = lists.Choices(ItemLabels.Of, classifying ? Act.Confidentiality : Item.Confidentiality);
        Outcomes = lists.Choices(ItemLabels.Of, Posted(Item.Actions.Answer) ? Act.Outcome : AnswerOutcome.Explained);
        if (AllowedActions.Contains(Item.Actions.Assign))
        {
            var assigning = Posted(Item.Actions.Assign);
            var lead = assigning ? Act.LeadUnitId?.ToString(CultureInfo.InvariantCulture) : null;
            var coUnits = assigning ? Act.CoUnitIds.Select(c => c.ToString(CultureInfo.InvariantCulture)).ToHashSet() : [];
            LeadUnits = await lists.UnitsInScopeAsync();
            CoUnits = LeadUnits.Select(u => new SelectListItem(u.Text, u.Value, coUnits.Contains(u.Value))).ToList();
            foreach (var unit in LeadUnits) unit.Selected = unit.Value == lead;
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
        public string? Reason { get; set; }
        public string? Note { get; set; }

        public ItemActionArgs ToArgs() => new(
            TopicId, Kind, Urgency, Confidentiality,
            Answer, Outcome, AnsweredBy,
            LeadUnitId, CoUnitIds, FormValues.Date(DueOn, "dueOn"),
            Reason, Note);
    }
}
