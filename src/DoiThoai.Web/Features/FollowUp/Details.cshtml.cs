using System.Globalization;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// The page of one task: what is to be done, for which conclusion and unit, by when, how far along
/// (computed from its sub-tasks when it has any), its timeline and sub-tasks, and one small form per
/// action the caller may take now.
/// </summary>
public sealed class TaskDetailsModel(TaskWorkflow workflow, UserScope scope, IStringLocalizer<SharedResource> t) : PageModel
{
    public FollowUpTask Current { get; private set; } = null!;
    public int Progress { get; private set; }
    public IReadOnlyList<TaskTimelineEntry> Timeline { get; private set; } = [];
    public IReadOnlyList<FollowUpTask> Children { get; private set; } = [];
    public IReadOnlyList<string> AllowedActions { get; private set; } = [];
    /// <summary>The parent and sub-tasks the caller may open (they may belong to other units).</summary>
    public IReadOnlySet<int> Openable { get; private set; } = new HashSet<int>();
    public bool CanOpenSession { get; private set; }
    public List<SelectListItem> Units { get; private set; } = [];
    public DateOnly Today { get; private set; }

    /// <summary>The action whose form was posted and refused: only it shows the typed values and field messages.</summary>
    public string? PostedAction { get; private set; }

    [BindProperty] public ActionInput Act { get; set; } = new();

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(() => ShowAsync(id));

    /// <summary>One handler for every action; <paramref name="action"/> is the workflow's action name.</summary>
    public Task<IActionResult> OnPostActionAsync(int id, string? action)
    {
        PostedAction = action;
        return this.TryChangeAsync(t, nameof(Act),
            async () =>
            {
                await workflow.PerformAsync(id, action ?? "", Act.ToArgs());
                TempData["Message"] = (action == FollowUpTask.Actions.AddSubtask
                    ? t["Đã thêm nhiệm vụ con."]
                    : t["Đã thực hiện: {0}.", t[TaskLabels.OfAction(action ?? "")]]).Value;
                return RedirectToPage(new { id });
            },
            () => ShowAsync(id),
            e => e.Action == FollowUpTask.Actions.Progress && e.CurrentState == nameof(FollowUpStatus.Open)
                ? t[TaskRules.ParentProgressMessage]
                : PageErrors.Refusal(t, TaskLabels.OfAction(e.Action), TaskLabels.OfState(e.CurrentState)));
    }

    private async Task<IActionResult> ShowAsync(int id)
    {
        Current = await workflow.FindVisibleAsync(id);
        Today = workflow.Today;
        Progress = Current.ComputedProgress();
        Timeline = Current.Timeline.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToList();
        Children = Current.Children.OrderBy(c => c.DueOn).ThenBy(c => c.Id).ToList();
        int[] related = [.. Children.Select(c => c.Id), .. Current.ParentId is { } parentId ? [parentId] : Array.Empty<int>()];
        Openable = await workflow.VisibleIdsAsync(related);
        CanOpenSession = await (await scope.SessionsAsync()).AnyAsync(s => s.Id == Current.SessionId);
        AllowedActions = await workflow.AllowedActionsForAsync(Current);
        if (AllowedActions.Contains(FollowUpTask.Actions.AddSubtask))
        {
            var selected = PostedAction == FollowUpTask.Actions.AddSubtask ? Act.UnitId?.ToString(CultureInfo.InvariantCulture) : null;
            Units = await SelectLists.For(HttpContext).UnitsInScopeAsync();
            foreach (var unit in Units) unit.Selected = unit.Value == selected;
        }
        return Page();
    }

    /// <summary>The fields of the action forms; each action reads the ones it needs.</summary>
    public sealed class ActionInput
    {
        public int? Progress { get; set; }
        public string? Note { get; set; }
        public string? Reason { get; set; }
        public string? Title { get; set; }
        public int? UnitId { get; set; }
        /// <summary>As the date box sends it (2026-12-31) or typed by hand (31/12/2026).</summary>
        public string? DueOn { get; set; }
        /// <summary>The task's version the form was made from (ADR 0018).</summary>
        public int? Version { get; set; }

        public TaskActionArgs ToArgs() => new(Progress, Note, Reason, Title, UnitId, FormValues.Date(DueOn, "dueOn"), Version);
    }
}
