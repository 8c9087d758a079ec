using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.Terms;

/// <summary>The term form; names match Term's so its period check lands on the right field.</summary>
public sealed class TermInput
{
    [Required(ErrorMessage = "Vui lòng chọn đơn vị.")]
    public int? OrgUnitId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên nhiệm kỳ.")]
    [StringLength(60, ErrorMessage = "Tên nhiệm kỳ dài quá {1} ký tự.")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày bắt đầu nhiệm kỳ.")]
    [DateText]
    public string? StartsOn { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày kết thúc nhiệm kỳ.")]
    [DateText]
    public string? EndsOn { get; set; }

    public static TermInput From(Term t) => new() { OrgUnitId = t.OrgUnitId, Name = t.Name, StartsOn = Formats.IsoDate(t.StartsOn), EndsOn = Formats.IsoDate(t.EndsOn) };

    public async Task ApplyToAsync(Term term, AppDbContext db, References references)
    {
        await references.UnitAsync(OrgUnitId!.Value, nameof(OrgUnitId));
        term.OrgUnitId = OrgUnitId.Value;
        term.Name = AdminText.Clean(Name) ?? "";
        term.StartsOn = DateTextAttribute.Parse(StartsOn)!.Value;
        term.EndsOn = DateTextAttribute.Parse(EndsOn)!.Value;
        term.EnsureValidPeriod();

        // One unit has one term at a time. A term may start on the day the previous one ended,
        // because a congress closes one term and opens the next on the same day.
        var clash = await db.Terms.AsNoTracking()
            .Where(t => t.OrgUnitId == term.OrgUnitId && t.Id != term.Id && t.StartsOn < term.EndsOn && term.StartsOn < t.EndsOn)
            .Select(t => new { t.Name, t.StartsOn, t.EndsOn })
            .FirstOrDefaultAsync();
        if (clash is not null)
            throw new DomainValidationException(nameof(StartsOn),
                $"Nhiệm kỳ bị trùng thời gian với nhiệm kỳ {clash.Name} ({Formats.Date(clash.StartsOn)} – {Formats.Date(clash.EndsOn)}) của cùng đơn vị.");
    }
}
