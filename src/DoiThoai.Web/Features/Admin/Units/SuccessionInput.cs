using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>The form on a unit's page that records which unit carries on its work.</summary>
public sealed class SuccessionInput
{
    [Required(ErrorMessage = "Vui lòng chọn đơn vị kế thừa.")]
    public int? SuccessorId { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn hình thức kế thừa.")]
    public SuccessionKind? Kind { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày có hiệu lực.")]
    [DateText]
    public string? EffectiveOn { get; set; }

    [StringLength(500, ErrorMessage = "Ghi chú dài quá {1} ký tự.")]
    public string? Note { get; set; }

    /// <summary>
    /// A new link from <paramref name="predecessor"/>, after the checks. Links must stay acyclic:
    /// OrgDirectory follows them to decide which records a merged unit may see, and history reports
    /// walk them from old units to new ones.
    /// </summary>
    public async Task<OrgUnitSuccession> ToLinkAsync(OrgUnit predecessor, AppDbContext db)
    {
        var successorId = SuccessorId!.Value;
        if (successorId == predecessor.Id)
            throw new DomainValidationException(nameof(SuccessorId), "Không thể liên kết một đơn vị với chính nó.");
        if (!await db.OrgUnits.AnyAsync(u => u.Id == successorId))
            throw new DomainValidationException(nameof(SuccessorId), "Đơn vị kế thừa không tồn tại.");
        if (Kind is not { } kind || !Enum.IsDefined(kind))
            throw new DomainValidationException(nameof(Kind), "Hình thức kế thừa không hợp lệ.");
        var effectiveOn = DateTextAttribute.Parse(EffectiveOn)!.Value;
        if (effectiveOn < predecessor.ValidFrom)
            throw new DomainValidationException(nameof(EffectiveOn), "Ngày có hiệu lực không thể trước ngày đơn vị bắt đầu hiệu lực.");
        if (await db.OrgUnitSuccessions.AnyAsync(s => s.PredecessorId == predecessor.Id && s.SuccessorId == successorId))
            throw new DomainValidationException(nameof(SuccessorId), "Liên kết kế thừa này đã có.");
        if (await LeadsToAsync(db, successorId, predecessor.Id))
            throw new DomainValidationException(nameof(SuccessorId), "Liên kết này tạo thành vòng lặp: đơn vị được chọn là tiền thân (trực tiếp hoặc gián tiếp) của đơn vị này.");

        return new OrgUnitSuccession
        {
            PredecessorId = predecessor.Id,
            SuccessorId = successorId,
            Kind = kind,
            EffectiveOn = effectiveOn,
            Note = AdminText.Clean(Note),
        };
    }

    /// <summary>Whether following successor links from <paramref name="from"/> reaches <paramref name="to"/>.</summary>
    private static async Task<bool> LeadsToAsync(AppDbContext db, int from, int to)
    {
        var next = (await db.OrgUnitSuccessions.AsNoTracking().Select(s => new { s.PredecessorId, s.SuccessorId }).ToListAsync())
            .ToLookup(s => s.PredecessorId, s => s.SuccessorId);
        var seen = new HashSet<int>();
        var queue = new Queue<int>([from]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (id == to) return true;
            if (!seen.Add(id)) continue;
            foreach (var successor in next[id]) queue.Enqueue(successor);
        }
        return false;
    }
}
