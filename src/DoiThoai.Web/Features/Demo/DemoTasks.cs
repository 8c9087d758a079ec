using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Demo;

/// <summary>A dated progress report on a demo task: <see cref="Days"/> after the task was given.</summary>
internal sealed record Report(double Days, int Progress, string Note);

/// <summary>
/// The leader's conclusions as follow-up tasks, with the progress the units reported over time, so the
/// task pages show finished work (2017) and work under way (2026) with sub-tasks.
/// </summary>
internal static class DemoTasks
{
    /// <summary>A task for a conclusion's lead unit; the last report sets its progress (100 = done).</summary>
    public static FollowUpTask Track(DemoWorld world, DialogueSession session, Conclusion conclusion, string unitCode,
        DateTime givenAtUtc, params Report[] reports) =>
        Task(world, session, conclusion, conclusion.Text, unitCode, conclusion.DueOn!.Value, givenAtUtc, reports);

    /// <summary>A sub-task of <paramref name="parent"/>, given at the same time; the parent's progress is computed from these.</summary>
    public static FollowUpTask Sub(DemoWorld world, FollowUpTask parent, string title, string unitCode, DateOnly dueOn, params Report[] reports)
    {
        var child = Task(world, parent.Session!, parent.Conclusion, title, unitCode, dueOn, parent.CreatedAtUtc, reports);
        child.Parent = parent;
        parent.Children.Add(child);
        return child;
    }

    private static FollowUpTask Task(DemoWorld world, DialogueSession session, Conclusion? conclusion, string title, string unitCode,
        DateOnly dueOn, DateTime givenAtUtc, Report[] reports)
    {
        var handler = world.HandlerOf(unitCode);
        var task = new FollowUpTask
        {
            Session = session,
            Conclusion = conclusion,
            Title = title,
            OrgUnit = world.Units[unitCode],
            DueOn = dueOn,
            CreatedAtUtc = givenAtUtc,
            Status = FollowUpStatus.Open,
        };
        foreach (var report in reports)
        {
            var at = givenAtUtc.AddDays(report.Days);
            task.Timeline.Add(new TaskTimelineEntry { AtUtc = at, ActorUserId = handler.UserId, ActorName = handler.Name, Progress = report.Progress, Note = report.Note });
            task.Progress = report.Progress;
            if (report.Progress == 100)
            {
                task.Status = FollowUpStatus.Done;
                task.DoneAtUtc = at;
            }
        }
        return task;
    }
}
