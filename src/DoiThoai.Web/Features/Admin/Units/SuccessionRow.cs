using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>A succession link with both units' names, as the tree and the unit page show it.</summary>
public sealed record SuccessionRow(
    int Id, int PredecessorId, string PredecessorName, int SuccessorId, string SuccessorName,
    SuccessionKind Kind, DateOnly EffectiveOn, string? Note)
{
    public static IQueryable<SuccessionRow> Query(IQueryable<OrgUnitSuccession> links) =>
        links.AsNoTracking()
            .OrderBy(s => s.EffectiveOn).ThenBy(s => s.Id)
            .Select(s => new SuccessionRow(s.Id, s.PredecessorId, s.Predecessor!.Name, s.SuccessorId, s.Successor!.Name,
                s.Kind, s.EffectiveOn, s.Note));
}
