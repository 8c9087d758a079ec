using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using static DoiThoai.Web.Features.Sessions.SessionsApi;

namespace DoiThoai.Web.Features.Items;

public static class ItemsApi
{
    public sealed record AssignmentDto(int Id, UnitRef LeadUnit, IReadOnlyList<UnitRef> CoUnits, DateOnly DueOn, DateTimeOffset AssignedAt, string? Note);

    public sealed record ItemDto(
        int Id, int SessionId, int Number, ItemKind Kind, RaisedStage Stage, ItemStatus Status, UnitRef? Topic,
        Confidentiality Confidentiality, Urgency Urgency, string Text, string? Speaker, int? RaisedByPersonId, UnitRef? OnBehalfOfUnit,
        string? Answer, AnswerOutcome? Outcome, string? AnsweredBy, IReadOnlyList<AssignmentDto> Assignments,
        IReadOnlyList<string> AllowedActions, IReadOnlyList<HistoryDto> History);

    public sealed record ItemRequest(
        ItemKind? Kind, RaisedStage? Stage, int? RaisedByPersonId, string? SpeakerName, int? OnBehalfOfUnitId,
        int? TopicId, Urgency? Urgency, Confidentiality? Confidentiality, string? Text)
    {
        public ItemInput ToInput() => new(Kind, Stage, RaisedByPersonId, SpeakerName, OnBehalfOfUnitId, TopicId, Urgency, Confidentiality, Text);
    }

    public static RouteGroupBuilder MapItemsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sessions/{sessionId:int}/items", ListForSessionAsync).WithTags("Items")
            .WithSummary("Các ý kiến của một hội nghị mà người gọi được xem, theo số thứ tự.");
        api.MapPost("/sessions/{sessionId:int}/items", CreateAsync).WithTags("Items")
            .WithSummary("Ghi một ý kiến (Văn phòng; đảng viên gửi trước hội nghị với stage=beforeSession).");
        var items = api.MapGroup("/items").WithTags("Items");
        items.MapGet("/{id:int}", GetAsync);
        items.MapPost("/{id:int}/actions/{action}", PerformAsync)
            .WithSummary("classify {topicId,kind,urgency,confidentiality}, answer {answer,outcome,answeredBy}, accept {note}, assign {leadUnitId,coUnitIds,dueOn,note}, return {reason}, close {note}.");
        return api;
    }

    private static async Task<Ok<ListResult<ItemDto>>> ListForSessionAsync(int sessionId, int? page, int? pageSize, UserScope scope, ItemWorkflow workflow, AppDbContext db)
    {
        var paging = Paging.From(page, pageSize);
        if (!await (await scope.SessionsAsync()).AnyAsync(s => s.Id == sessionId))
            throw new NotFoundException("Không tìm thấy hội nghị.");
        var query = (await scope.ItemsAsync()).Where(i => i.SessionId == sessionId);
        var total = await query.CountAsync();
        var dtos = await ToDtosAsync(query.OrderBy(i => i.Number).Skip(paging.Skip).Take(paging.PageSize), workflow, db);
        return TypedResults.Ok(new ListResult<ItemDto>(dtos, total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<ItemDto>> GetAsync(int id, ItemWorkflow workflow, UserScope scope, AppDbContext db) =>
        TypedResults.Ok(await OneAsync(id, workflow, scope, db));

    private static async Task<Created<ItemDto>> CreateAsync(int sessionId, ItemRequest request, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        var created = await workflow.RaiseAsync(sessionId, request.ToInput());
        return TypedResults.Created($"/api/v1/items/{created.Id}", await OneAsync(created.Id, workflow, scope, db));
    }

    private static async Task<Ok<ItemDto>> PerformAsync(int id, string action, [FromBody] ItemActionArgs? args, ItemWorkflow workflow, UserScope scope, AppDbContext db)
    {
        await workflow.PerformAsync(id, action, args ?? new ItemActionArgs());
        return TypedResults.Ok(await OneAsync(id, workflow, scope, db));
    }

    private static async Task<ItemDto> OneAsync(int id, ItemWorkflow workflow, UserScope scope, AppDbContext db) =>
        (await ToDtosAsync((await scope.ItemsAsync()).Where(i => i.Id == id), workflow, db)).SingleOrDefault()
        ?? throw new NotFoundException("Không tìm thấy ý kiến, kiến nghị.");

    /// <summary>
    /// Items as the API shows them, through a projection (never full rows), with their history
    /// read in one extra query for the whole page.
    /// </summary>
    private static async Task<List<ItemDto>> ToDtosAsync(IQueryable<Item> query, ItemWorkflow workflow, AppDbContext db)
    {
        var rows = await query
            .Select(i => new
            {
                i.Id, i.SessionId, i.Number, i.Kind, i.Stage, i.Status, i.TopicId, TopicName = i.Topic!.Name,
                i.Confidentiality, i.Urgency, i.Text, Speaker = i.RaisedByPerson!.FullName ?? i.SpeakerName, i.RaisedByPersonId,
                i.OnBehalfOfUnitId, UnitName = i.OnBehalfOfUnit!.Name, i.Answer, i.Outcome, i.AnsweredBy,
                Assignments = i.Assignments.OrderBy(a => a.AssignedAtUtc).Select(a => new
                {
                    a.Id, a.LeadUnitId, LeadName = a.LeadUnit!.Name, a.DueOn, a.AssignedAtUtc, a.Note,
                    CoUnits = a.CoUnits.Select(c => new { c.OrgUnitId, c.OrgUnit!.Name }).ToList(),
                }).ToList(),
            })
            .AsSplitQuery().ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        var history = (await db.History.AsNoTracking().Where(h => h.ItemId != null && ids.Contains(h.ItemId.Value))
            .OrderBy(h => h.AtUtc).ThenBy(h => h.Id).ToListAsync()).ToLookup(h => h.ItemId!.Value);
        return rows.Select(r => new ItemDto(
            r.Id, r.SessionId, r.Number, r.Kind, r.Stage, r.Status,
            r.TopicId is { } topicId ? new UnitRef(topicId, r.TopicName) : null,
            r.Confidentiality, r.Urgency, r.Text, r.Speaker, r.RaisedByPersonId,
            r.OnBehalfOfUnitId is { } unitId ? new UnitRef(unitId, r.UnitName) : null,
            r.Answer, r.Outcome, r.AnsweredBy,
            r.Assignments.Select(a => new AssignmentDto(a.Id, new UnitRef(a.LeadUnitId, a.LeadName),
                a.CoUnits.Select(c => new UnitRef(c.OrgUnitId, c.Name)).ToList(), a.DueOn, ApiDates.ToVietnamOffset(a.AssignedAtUtc), a.Note)).ToList(),
            workflow.AllowedActionsFor(r.Status),
            history[r.Id].Select(HistoryDto.Of).ToList())).ToList();
    }
}
