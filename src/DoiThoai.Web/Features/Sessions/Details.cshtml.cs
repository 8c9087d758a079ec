using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using Items_Import = DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Shared;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>
/// The page of one session: its facts, its items, its conclusions and history, and for office
/// staff one small form per action the session's state allows.
/// </summary>
public sealed class SessionDetailsModel(
    SessionWorkflow workflow, UserScope scope, IStringLocalizer<SharedResource> t, TaskWorkflow tasks, AppDbContext db, SessionPageCache pageCache) : PageModel
{
    /// <summary>Names of the forms that are not workflow actions, for <see cref="PostedForm"/>.</summary>
    public const string MinutesForm = "save-minutes";
    public const string ConclusionForm = "add-conclusion";

    public DialogueSession Session { get; private set; } = null!;
    public IReadOnlyList<ItemListRow> Items { get; private set; } = [];
    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];
    public IReadOnlyList<string> AllowedActions { get; private set; } = [];
    public List<SelectListItem> LeadUnits { get; private set; } = [];
    /// <summary>The same units as written options, when no conclusion form was posted.</summary>
    public IHtmlContent? LeadUnitOptions { get; private set; }
    /// <summary>The session's follow-up tasks, shown by Features/FollowUp/_SessionTasks.cshtml.</summary>
    public SessionTasksView Tasks { get; private set; } = null!;

    /// <summary>Set once the session is loaded: only the host committee's office and leaders move it.</summary>
    public bool CanChange { get; private set; }
    public bool CanEdit => CanChange && Session.Status is not (SessionStatus.Closed or SessionStatus.Cancelled);
    public bool CanAddConclusion => CanChange && Session.Status is (SessionStatus.Held or SessionStatus.MinutesDone);
    /// <summary>The office may import a list of items (Features/Items/Import) while the session takes items at some stage.</summary>
    public bool CanImportItems => CanChange && Items_Import.ItemSheetImport.StageFor(Session) is not null;
    /// <summary>A member may send an opinion of their own while the session collects them.</summary>
    public bool CanSubmitOwnItem => !CanChange && scope.IsInRole(Roles.Member) && Session.AcceptsItemsAt(RaisedStage.BeforeSession);

    /// <summary>The form that was posted and refused: only it shows the typed values and field messages.</summary>
    public string? PostedForm { get; private set; }

    [BindProperty] public ActionInput Act { get; set; } = new();
    [BindProperty] public ConclusionInput NewConclusion { get; set; } = new();
    [BindProperty] public TaskFromConclusionInput NewTask { get; set; } = new();

    public Task<IActionResult> OnGetAsync(int id) => this.TryLoadAsync(() => ShowAsync(id));

    /// <summary>One handler for every transition; <paramref name="action"/> is the workflow's action name.</summary>
    public Task<IActionResult> OnPostActionAsync(int id, string? action)
    {
        PostedForm = action;
        return Change(id, nameof(Act), async () =>
        {
            await workflow.PerformAsync(id, action ?? "", Act.ToArgs());
            return t["Đã thực hiện: {0}.", t[SessionLabels.OfAction(action ?? "")]];
        });
    }

    public Task<IActionResult> OnPostMinutesAsync(int id)
    {
        PostedForm = MinutesForm;
        return Change(id, nameof(Act), async () =>
        {
            await workflow.SaveMinutesDraftAsync(id, Act.Minutes ?? "");
            return t["Đã lưu dự thảo biên bản."];
        });
    }

    public Task<IActionResult> OnPostConclusionAsync(int id)
    {
        PostedForm = ConclusionForm;
        return Change(id, nameof(NewConclusion), async () =>
        {
            var dueOn = FormValues.Date(NewConclusion.DueOn, "dueOn");
            var conclusion = await workflow.AddConclusionAsync(id, NewConclusion.Text, NewConclusion.LeadUnitId, dueOn);
            return t["Đã ghi ý kiến kết luận số {0}.", conclusion.Order];
        });
    }

    /// <summary>Gives the task of a conclusion that has none (issued without a unit or a date).</summary>
    public Task<IActionResult> OnPostTaskAsync(int id)
    {
        PostedForm = SessionTasksView.Form;
        return Change(id, nameof(NewTask), async () =>
        {
            var task = await tasks.CreateFromConclusionAsync(id, NewTask.ConclusionId, NewTask.UnitId, FormValues.Date(NewTask.DueOn, "dueOn"));
            return t["Đã giao nhiệm vụ theo kết luận số {0}.", task.Conclusion?.Order ?? 0];
        });
    }

    private Task<IActionResult> Change(int id, string formPrefix, Func<Task<LocalizedString>> change) =>
        this.TryChangeAsync(t, formPrefix,
            async () =>
            {
                TempData["Message"] = (await change()).Value;
                return RedirectToPage(new { id });
            },
            () => ShowAsync(id),
            e => PageErrors.Refusal(t, SessionLabels.OfAction(e.Action), SessionLabels.OfState(e.CurrentState)));

    private async Task<IActionResult> ShowAsync(int id)
    {
        // Those who run the session all see the same page data: it is kept per session version
        // (ADR 0023). Only office staff, leaders and administrators can be among them.
        var stamp = scope.IsSecretariat ? await SessionPageCache.ReadStampAsync(db, id) : null;
        SessionPageData data;
        if (stamp is not null && await scope.RunsSessionAsync(stamp.HostUnitId))
        {
            kept = await pageCache.GetAsync(stamp, () => ReadAsync(id));
            data = kept.Data;
            CanChange = true;
        }
        else
        {
            data = await ReadAsync(id);
            CanChange = await scope.RunsSessionAsync(data.Session.HostUnitId);
        }
        Session = data.Session;
        History = data.History;
        Items = data.Items;
        if (CanChange)
        {
            AllowedActions = Session.AllowedActions();
            // A refused conclusion is shown again with its unit chosen; otherwise the options are kept written.
            if (CanAddConclusion && PostedForm == ConclusionForm) LeadUnits = await SelectLists.For(HttpContext).UnitsInScopeAsync();
            else if (CanAddConclusion) LeadUnitOptions = await SelectLists.For(HttpContext).UnitsInScopeOptionsAsync();
        }
        var withoutTask = data.ConclusionsWithoutTask;
        Tasks = new SessionTasksView(id, data.Tasks, withoutTask,
            withoutTask.Count > 0 ? await SelectLists.For(HttpContext).UnitsInScopeAsync() : [],
            tasks.Today, PostedForm == SessionTasksView.Form ? NewTask : null);
        return Page();
    }

    private SessionPageCache.Kept? kept;

    /// <summary>
    /// A part of the page written from the data alone: kept with the data for those who run the
    /// session (ADR 0023), written every time for everybody else.
    /// </summary>
    public Task<IHtmlContent> FragmentAsync(string name, Func<Task<IHtmlContent>> render) =>
        kept is null ? render() : kept.FragmentAsync(name, render, HttpContext.RequestServices.GetRequiredService<HtmlEncoder>());

    /// <summary>The page's data as this caller may see it (404 when the session is not theirs to see).</summary>
    private async Task<SessionPageData> ReadAsync(int id)
    {
        var (session, history) = await workflow.ReadVisibleAsync(id);
        var items = (await scope.ItemsOfVisibleSessionAsync(session)).OrderBy(i => i.Number);
        var rows = await ItemListRow.ListAsync(items, await scope.ItemCallerAsync());
        var (sessionTasks, withoutTask) = await tasks.ForSessionAsync(session);
        return new SessionPageData(session, history, rows, sessionTasks, withoutTask);
    }

    /// <summary>The fields of the action forms; each action reads the ones it needs.</summary>
    public sealed class ActionInput
    {
        public int? AttendanceCount { get; set; }
        public string? AttendanceNote { get; set; }
        public string? Minutes { get; set; }
        public string? Reason { get; set; }
        public string? Note { get; set; }

        public SessionActionArgs ToArgs() => new(AttendanceCount, AttendanceNote, Minutes, Reason, Note);
    }

    public sealed class ConclusionInput
    {
        public string? Text { get; set; }
        public int? LeadUnitId { get; set; }
        /// <summary>As the date box sends it (2017-09-30) or typed by hand (30/09/2017).</summary>
        public string? DueOn { get; set; }
    }
}
