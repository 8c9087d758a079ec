using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// What the session page shows of follow-up (the partial _SessionTasks.cshtml): the session's tasks
/// the reader may see, and for the office a form per conclusion that has no task yet.
/// </summary>
public sealed record SessionTasksView(
    int SessionId,
    IReadOnlyList<TaskRow> Tasks,
    IReadOnlyList<Conclusion> WithoutTask,
    IReadOnlyList<SelectListItem> Units,
    DateOnly Today,
    TaskFromConclusionInput? Posted)
{
    /// <summary>Name of the session page's form, for its PostedForm.</summary>
    public const string Form = TaskWorkflow.CreateTaskAction;
}

/// <summary>The session page's form that gives a conclusion's task to a unit.</summary>
public sealed class TaskFromConclusionInput
{
    public int? ConclusionId { get; set; }
    public int? UnitId { get; set; }
    /// <summary>As the date box sends it (2026-12-31) or typed by hand (31/12/2026).</summary>
    public string? DueOn { get; set; }
}
