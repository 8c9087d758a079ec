using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.UnitKinds;

/// <summary>The unit-kind form; lengths follow OrganisationConfiguration.</summary>
public sealed class UnitKindInput
{
    [Required(ErrorMessage = "Vui lòng nhập mã loại đơn vị.")]
    [StringLength(40, ErrorMessage = "Mã dài quá {1} ký tự.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên loại đơn vị.")]
    [StringLength(120, ErrorMessage = "Tên dài quá {1} ký tự.")]
    public string? Name { get; set; }

    [StringLength(120, ErrorMessage = "Tên tiếng Anh dài quá {1} ký tự.")]
    public string? NameEn { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập cấp.")]
    [Range(0, 1000, ErrorMessage = "Cấp phải là số nguyên từ {1} đến {2}.")]
    public int? Level { get; set; }

    public static UnitKindInput From(OrgUnitKind k) => new() { Code = k.Code, Name = k.Name, NameEn = k.NameEn, Level = k.Level };

    public async Task ApplyToAsync(OrgUnitKind kind, AppDbContext db)
    {
        var code = AdminText.Clean(Code) ?? "";
        // Checked here for a readable message; the unique index still guards against a race.
        if (await db.OrgUnitKinds.AnyAsync(k => k.Code == code && k.Id != kind.Id))
            throw new DomainValidationException(nameof(Code), "Mã này đã được dùng cho một loại đơn vị khác.");
        kind.Code = code;
        kind.Name = AdminText.Clean(Name) ?? "";
        kind.NameEn = AdminText.Clean(NameEn) ?? "";
        kind.Level = Level!.Value;
    }
}
