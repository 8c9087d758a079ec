using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Organisation;

public static class OrganisationApi
{
    public sealed record SuccessorDto(int UnitId, SuccessionKind Kind, DateOnly EffectiveOn);

    public sealed record UnitDto(int Id, string Name, string? ShortName, string Kind, int? ParentId, DateOnly ValidFrom, DateOnly? ValidTo, IReadOnlyList<SuccessorDto> Successors);

    public sealed record TopicDto(int Id, string Code, string Name, string NameEn, bool IsActive);

    public static RouteGroupBuilder MapOrganisationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/units", ListUnitsAsync).WithTags("Organisation")
            .WithSummary("Cây tổ chức (mọi đơn vị, kể cả đã kết thúc). validOn=yyyy-MM-dd lọc các đơn vị còn hiệu lực vào ngày đó.");
        api.MapGet("/topics", ListTopicsAsync).WithTags("Organisation").WithSummary("Các lĩnh vực.");
        return api;
    }

    // The structure of the Party organisation is not confidential inside the system, so every
    // signed-in caller may read the whole tree; what hangs off it (sessions, items) is scoped.
    private static async Task<Ok<ListResult<UnitDto>>> ListUnitsAsync(AppDbContext db, int? page, int? pageSize, DateOnly? validOn)
    {
        var paging = Paging.From(page, pageSize);
        var query = db.OrgUnits.AsNoTracking();
        if (validOn is { } day) query = query.Where(u => u.ValidFrom <= day && (u.ValidTo == null || u.ValidTo >= day));
        var total = await query.CountAsync();
        var units = await query.OrderBy(u => u.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(u => new { u.Id, u.Name, u.ShortName, Kind = u.Kind!.Code, u.ParentId, u.ValidFrom, u.ValidTo })
            .ToListAsync();
        var ids = units.Select(u => u.Id).ToList();
        var successors = (await db.OrgUnitSuccessions.AsNoTracking().Where(s => ids.Contains(s.PredecessorId))
            .Select(s => new { s.PredecessorId, s.SuccessorId, s.Kind, s.EffectiveOn }).ToListAsync())
            .ToLookup(s => s.PredecessorId, s => new SuccessorDto(s.SuccessorId, s.Kind, s.EffectiveOn));
        var rows = units.Select(u => new UnitDto(u.Id, u.Name, u.ShortName, u.Kind, u.ParentId, u.ValidFrom, u.ValidTo, successors[u.Id].ToList())).ToList();
        return TypedResults.Ok(new ListResult<UnitDto>(rows, total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<ListResult<TopicDto>>> ListTopicsAsync(AppDbContext db, int? page, int? pageSize)
    {
        var paging = Paging.From(page, pageSize);
        var total = await db.Topics.CountAsync();
        var rows = await db.Topics.AsNoTracking().OrderBy(t => t.SortOrder).ThenBy(t => t.Id).Skip(paging.Skip).Take(paging.PageSize)
            .Select(t => new TopicDto(t.Id, t.Code, t.Name, t.NameEn, t.IsActive)).ToListAsync();
        return TypedResults.Ok(new ListResult<TopicDto>(rows, total, paging.Page, paging.PageSize));
    }
}
