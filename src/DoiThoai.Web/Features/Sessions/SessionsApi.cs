using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Sessions;

public static class SessionsApi
{
    public sealed record UnitRef(int Id, string Name);

    public sealed record SessionSummary(int Id, string Title, DateOnly Date, DateTimeOffset StartsAt, string Place, UnitRef HostUnit, SessionStatus Status, int ItemCount);

    public sealed record ChairDto(int PersonId, string Name, string? RoleTitle);

    public sealed record ConclusionDto(int Id, int Order, string Text, UnitRef? LeadUnit, DateOnly? DueOn);

    public sealed record SessionDetail(
        int Id, string Title, DateOnly Date, DateTimeOffset StartsAt, string Place, UnitRef HostUnit, UnitRef? ParticipantUnit,
        UnitRef? Term, IReadOnlyList<ChairDto> Chairs, string? Agenda, string? InvitedGroups, int? AttendanceCount,
        string? AttendanceNote, string? SecretaryName, string? Minutes, SessionStatus Status, int ItemCount,
        IReadOnlyList<ConclusionDto> Conclusions, IReadOnlyList<string> AllowedActions, IReadOnlyList<HistoryDto> History);

    public sealed record SessionRequest(
        string? Title, int? HostUnitId, int? ParticipantUnitId, int? TermId, string? StartsAt, string? Place,
        string? Agenda, string? InvitedGroups, string? SecretaryName, IReadOnlyList<ChairDetails>? Chairs)
    {
        public SessionInput ToInput() => new(Title, HostUnitId, ParticipantUnitId, TermId, ApiDates.ParseLocal(StartsAt, "startsAt"),
            Place, Agenda, InvitedGroups, SecretaryName, Chairs);
    }

    public sealed record ConclusionRequest(string? Text, int? LeadUnitId, DateOnly? DueOn);

    public static RouteGroupBuilder MapSessionsApi(this RouteGroupBuilder api)
    {
        var sessions = api.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapGet("/", ListAsync).WithSummary("Các hội nghị người gọi được xem, mới nhất trước.");
        sessions.MapGet("/{id:int}", GetAsync);
        sessions.MapPost("/", CreateAsync).WithSummary("Lên kế hoạch một hội nghị (Văn phòng, Lãnh đạo).");
        sessions.MapPost("/{id:int}/actions/{action}", PerformAsync)
            .WithSummary("Chuyển trạng thái: announce, open-collection, hold {attendanceCount}, complete-minutes {minutes}, issue-conclusions, start-follow-up, close, cancel {reason}.");
        sessions.MapPost("/{id:int}/conclusions", AddConclusionAsync).WithSummary("Ghi một ý kiến kết luận của lãnh đạo.");
        return api;
    }

    private static async Task<Ok<ListResult<SessionSummary>>> ListAsync(UserScope scope, int? page, int? pageSize, SessionStatus? status)
    {
        var paging = Paging.From(page, pageSize);
        var query = await scope.SessionsAsync();
        var visibleItems = await scope.ItemsAsync();
        if (status is { } s) query = query.Where(x => x.Status == s);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(x => x.StartsAtUtc).ThenBy(x => x.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(x => new { x.Id, x.Title, x.StartsAtUtc, x.Place, x.HostUnitId, HostName = x.HostUnit!.Name, x.Status, ItemCount = visibleItems.Count(i => i.SessionId == x.Id) })
            .ToListAsync();
        var items = rows.Select(r => new SessionSummary(r.Id, r.Title, VietnamTime.DateOf(r.StartsAtUtc), ApiDates.ToVietnamOffset(r.StartsAtUtc),
            r.Place, new UnitRef(r.HostUnitId, r.HostName), r.Status, r.ItemCount)).ToList();
        return TypedResults.Ok(new ListResult<SessionSummary>(items, total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<SessionDetail>> GetAsync(int id, SessionWorkflow workflow, UserScope scope, AppDbContext db)
    {
        var session = await workflow.FindVisibleAsync(id);
        return TypedResults.Ok(await ToDetailAsync(session, scope, db));
    }

    private static async Task<Created<SessionDetail>> CreateAsync(SessionRequest request, SessionWorkflow workflow, UserScope scope, AppDbContext db)
    {
        var created = await workflow.PlanAsync(request.ToInput());
        var session = await workflow.FindVisibleAsync(created.Id);
        return TypedResults.Created($"/api/v1/sessions/{session.Id}", await ToDetailAsync(session, scope, db));
    }

    private static async Task<Ok<SessionDetail>> PerformAsync(int id, string action, [FromBody] SessionActionArgs? args, SessionWorkflow workflow, UserScope scope, AppDbContext db)
    {
        await workflow.PerformAsync(id, action, args ?? new SessionActionArgs());
        return TypedResults.Ok(await ToDetailAsync(await workflow.FindVisibleAsync(id), scope, db));
    }

    private static async Task<Created<ConclusionDto>> AddConclusionAsync(int id, ConclusionRequest request, SessionWorkflow workflow)
    {
        var conclusion = await workflow.AddConclusionAsync(id, request.Text, request.LeadUnitId, request.DueOn);
        var session = await workflow.FindVisibleAsync(id);
        var stored = session.Conclusions.Single(c => c.Id == conclusion.Id);
        return TypedResults.Created($"/api/v1/sessions/{id}", ToDto(stored));
    }

    private static ConclusionDto ToDto(Conclusion c) =>
        new(c.Id, c.Order, c.Text, c.LeadUnit is null ? null : new UnitRef(c.LeadUnit.Id, c.LeadUnit.Name), c.DueOn);

    private static async Task<SessionDetail> ToDetailAsync(DialogueSession s, UserScope scope, AppDbContext db)
    {
        var itemCount = await (await scope.ItemsAsync()).CountAsync(i => i.SessionId == s.Id);
        var runs = await scope.RunsSessionAsync(s.HostUnitId);
        return new SessionDetail(
            s.Id, s.Title, VietnamTime.DateOf(s.StartsAtUtc), ApiDates.ToVietnamOffset(s.StartsAtUtc), s.Place,
            new UnitRef(s.HostUnitId, s.HostUnit!.Name),
            s.ParticipantUnit is null ? null : new UnitRef(s.ParticipantUnit.Id, s.ParticipantUnit.Name),
            s.Term is null ? null : new UnitRef(s.Term.Id, s.Term.Name),
            s.Chairs.OrderBy(c => c.Order).Select(c => new ChairDto(c.PersonId, c.Person?.FullName ?? "", c.RoleTitle)).ToList(),
            s.Agenda, s.InvitedGroups, s.AttendanceCount, s.AttendanceNote, s.SecretaryName, runs || s.MinutesAreFinal ? s.Minutes : null, s.Status, itemCount,
            runs || s.ConclusionsAreIssued ? s.Conclusions.OrderBy(c => c.Order).Select(ToDto).ToList() : [],
            runs ? s.AllowedActions() : [],
            s.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Id).Select(HistoryDto.Of).ToList());
    }
}
