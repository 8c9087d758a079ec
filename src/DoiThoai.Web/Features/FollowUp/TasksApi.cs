using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static DoiThoai.Web.Features.Sessions.SessionsApi;

namespace DoiThoai.Web.Features.FollowUp;

public static class TasksApi
{
    public sealed record SessionRef(int Id, string Title, DateOnly Date);

    public sealed record ConclusionRef(int Id, int Order, string Text);

    /// <summary>A task in a list; <c>progress</c> is the computed one (a parent's comes from its sub-tasks).</summary>
    public sealed record TaskSummary(
        int Id, int SessionId, int? ParentId, int? ConclusionId, string Title, UnitRef Unit, DateOnly DueOn,
        FollowUpStatus Status, int Progress, bool Overdue, bool DueSoon);

    public sealed record TimelineDto(DateTimeOffset At, string Actor, int? Progress, string Note);

    public sealed record TaskDetail(
        int Id, SessionRef Session, ConclusionRef? Conclusion, int? ParentId, string Title, UnitRef Unit, DateOnly DueOn,
        FollowUpStatus Status, int Progress, int OwnProgress, bool Overdue, bool DueSoon, DateTimeOffset CreatedAt, DateTimeOffset? DoneAt,
        IReadOnlyList<TaskSummary> Children, IReadOnlyList<TimelineDto> Timeline, IReadOnlyList<string> AllowedActions)
    {
        /// <summary>Send it back as "version" or If-Match: a change made since is refused with 409 (ADR 0018).</summary>
        public int Version { get; init; }
    }

    public sealed record CreateRequest(int? ConclusionId, int? UnitId, DateOnly? DueOn);

    public sealed record ProgressRequest(int? Progress, string? Note, int? Version = null);

    public sealed record SubtaskRequest(string? Title, int? UnitId, DateOnly? DueOn, int? Version = null);

    public sealed record ActionRequest(string? Reason, string? Note, int? Version = null);

    public static RouteGroupBuilder MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");
        tasks.MapGet("/", ListAsync)
            .WithSummary("Các nhiệm vụ người gọi được xem, theo hạn thực hiện; lọc theo unitId, status, overdue.");
        tasks.MapGet("/{id:int}", GetAsync)
            .WithSummary("Một nhiệm vụ với các nhiệm vụ con, tiến độ tính từ nhiệm vụ con và dòng thời gian.");
        tasks.MapPost("/", CreateAsync)
            .WithSummary("Giao nhiệm vụ cho một ý kiến kết luận chưa có nhiệm vụ {conclusionId, unitId, dueOn} (Văn phòng, Lãnh đạo).");
        tasks.MapPost("/{id:int}/progress", ProgressAsync)
            .WithSummary("Cập nhật tiến độ {progress 0–100, note}; 100 là hoàn thành. Không áp dụng cho nhiệm vụ có nhiệm vụ con.");
        tasks.MapPost("/{id:int}/subtasks", AddSubtaskAsync)
            .WithSummary("Thêm nhiệm vụ con {title, unitId, dueOn}; hạn không sau hạn của nhiệm vụ cha.");
        tasks.MapPost("/{id:int}/actions/{action}", PerformAsync)
            .WithSummary("cancel {reason}, reopen {note} (Văn phòng, Lãnh đạo).");
        return api;
    }

    private static async Task<Ok<ListResult<TaskSummary>>> ListAsync(
        TaskWorkflow workflow, AppDbContext db, int? page, int? pageSize, int? unitId, string? status, bool? overdue)
    {
        var paging = Paging.From(page, pageSize);
        var wanted = ParseStatus(status);
        var today = workflow.Today;
        var query = await workflow.VisibleAsync();
        if (unitId is { } unit) query = query.Where(t => t.OrgUnitId == unit);
        if (wanted is { } s) query = query.Where(t => t.Status == s);
        if (overdue is true) query = query.Where(t => t.Status == FollowUpStatus.Open && t.DueOn < today);
        if (overdue is false) query = query.Where(t => !(t.Status == FollowUpStatus.Open && t.DueOn < today));
        var total = await query.CountAsync();
        var items = await SummariesAsync(db, query.OrderBy(t => t.DueOn).ThenBy(t => t.Id).Skip(paging.Skip).Take(paging.PageSize), today);
        return TypedResults.Ok(new ListResult<TaskSummary>(items, total, paging.Page, paging.PageSize));
    }

    /// <summary>The status as the API writes it (open, done, cancelled); the enum name is accepted too.</summary>
    private static FollowUpStatus? ParseStatus(string? status)
    {
        if (string.IsNullOrWhiteSpace(status)) return null;
        if (Enum.TryParse<FollowUpStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(status[0]))
            return parsed;
        throw new DomainValidationException("status", $"status phải là một trong: {string.Join(", ", Enum.GetNames<FollowUpStatus>().Select(JsonNames.Camel))}.");
    }

    private static async Task<Ok<TaskDetail>> GetAsync(int id, HttpResponse response, TaskWorkflow workflow) =>
        Tagged(response, await DetailAsync(await workflow.FindVisibleAsync(id), workflow));

    private static async Task<Created<TaskDetail>> CreateAsync(CreateRequest request, TaskWorkflow workflow, AppDbContext db)
    {
        var conclusionId = Check.Present(request.ConclusionId, "conclusionId", "Cần chọn ý kiến kết luận.");
        var sessionId = await db.Conclusions.Where(c => c.Id == conclusionId).Select(c => (int?)c.SessionId).SingleOrDefaultAsync()
            ?? throw new DomainValidationException("conclusionId", "Không tìm thấy ý kiến kết luận.");
        var created = await workflow.CreateFromConclusionAsync(sessionId, conclusionId, request.UnitId, request.DueOn);
        return TypedResults.Created($"/api/v1/tasks/{created.Id}", await DetailAsync(await workflow.FindVisibleAsync(created.Id), workflow));
    }

    private static async Task<Ok<TaskDetail>> ProgressAsync(int id, ProgressRequest request, HttpContext http, TaskWorkflow workflow)
    {
        await workflow.PerformAsync(id, FollowUpTask.Actions.Progress,
            new TaskActionArgs(Progress: request.Progress, Note: request.Note, Version: Versions.Of(http.Request, request.Version)));
        return Tagged(http.Response, await DetailAsync(await workflow.FindVisibleAsync(id), workflow));
    }

    private static async Task<Created<TaskDetail>> AddSubtaskAsync(int id, SubtaskRequest request, HttpRequest http, TaskWorkflow workflow)
    {
        var child = await workflow.PerformAsync(id, FollowUpTask.Actions.AddSubtask,
            new TaskActionArgs(Title: request.Title, UnitId: request.UnitId, DueOn: request.DueOn, Version: Versions.Of(http, request.Version)));
        return TypedResults.Created($"/api/v1/tasks/{child.Id}", await DetailAsync(await workflow.FindVisibleAsync(child.Id), workflow));
    }

    private static async Task<Ok<TaskDetail>> PerformAsync(int id, string action, [FromBody] ActionRequest? request, HttpContext http, TaskWorkflow workflow)
    {
        // Progress and sub-tasks have endpoints of their own, with their own bodies.
        if (action is not (FollowUpTask.Actions.Cancel or FollowUpTask.Actions.Reopen))
            throw new DomainValidationException("action", $"Thao tác \"{action}\" không tồn tại. Các thao tác: {FollowUpTask.Actions.Cancel}, {FollowUpTask.Actions.Reopen}.");
        await workflow.PerformAsync(id, action, new TaskActionArgs(Reason: request?.Reason, Note: request?.Note, Version: Versions.Of(http.Request, request?.Version)));
        return Tagged(http.Response, await DetailAsync(await workflow.FindVisibleAsync(id), workflow));
    }

    /// <summary>The task with its version as ETag, for a later If-Match.</summary>
    private static Ok<TaskDetail> Tagged(HttpResponse response, TaskDetail task)
    {
        response.Headers.ETag = Versions.ETag(task.Version);
        return TypedResults.Ok(task);
    }

    /// <summary>Tasks as lists show them, through a projection, with the progress computed for the page.</summary>
    private static async Task<List<TaskSummary>> SummariesAsync(AppDbContext db, IQueryable<FollowUpTask> ordered, DateOnly today)
    {
        var rows = await ordered
            .Select(t => new { t.Id, t.SessionId, t.ParentId, t.ConclusionId, t.Title, t.OrgUnitId, UnitName = t.OrgUnit!.Name, t.DueOn, t.Status, t.Progress })
            .ToListAsync();
        var progress = await TaskProgress.OfSessionsAsync(db, rows.Select(r => r.SessionId));
        return rows.Select(r => new TaskSummary(
            r.Id, r.SessionId, r.ParentId, r.ConclusionId, r.Title, new UnitRef(r.OrgUnitId, r.UnitName), r.DueOn, r.Status,
            progress.GetValueOrDefault(r.Id, r.Progress),
            TaskRules.IsOverdue(r.Status, r.DueOn, today), TaskRules.IsDueSoon(r.Status, r.DueOn, today))).ToList();
    }

    private static TaskSummary Summary(FollowUpTask t, DateOnly today) => new(
        t.Id, t.SessionId, t.ParentId, t.ConclusionId, t.Title, new UnitRef(t.OrgUnitId, t.OrgUnit?.Name ?? ""), t.DueOn, t.Status,
        t.ComputedProgress(), t.IsOverdue(today), t.IsDueSoon(today));

    /// <summary>A task loaded by <see cref="TaskWorkflow.FindVisibleAsync"/> (its whole session tree is tracked).</summary>
    private static async Task<TaskDetail> DetailAsync(FollowUpTask t, TaskWorkflow workflow)
    {
        var today = workflow.Today;
        var session = t.Session!;
        return new TaskDetail(
            t.Id,
            new SessionRef(session.Id, session.Title, VietnamTime.DateOf(session.StartsAtUtc)),
            t.Conclusion is { } c ? new ConclusionRef(c.Id, c.Order, c.Text) : null,
            t.ParentId, t.Title, new UnitRef(t.OrgUnitId, t.OrgUnit?.Name ?? ""), t.DueOn, t.Status,
            t.ComputedProgress(), t.Progress, t.IsOverdue(today), t.IsDueSoon(today),
            ApiDates.ToVietnamOffset(t.CreatedAtUtc), t.DoneAtUtc is { } done ? ApiDates.ToVietnamOffset(done) : null,
            t.Children.OrderBy(x => x.DueOn).ThenBy(x => x.Id).Select(x => Summary(x, today)).ToList(),
            t.Timeline.OrderBy(x => x.AtUtc).ThenBy(x => x.Id).Select(x => new TimelineDto(ApiDates.ToVietnamOffset(x.AtUtc), x.ActorName, x.Progress, x.Note)).ToList(),
            await workflow.AllowedActionsForAsync(t))
        {
            Version = t.Version,
        };
    }
}
