using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>The unit form. Lengths follow OrganisationConfiguration; names match OrgUnit's so entity errors find their field.</summary>
public sealed class UnitInput
{
    [Required(ErrorMessage = "Vui lòng nhập tên đơn vị.")]
    [StringLength(200, ErrorMessage = "Tên đơn vị dài quá {1} ký tự.")]
    public string? Name { get; set; }

    [StringLength(80, ErrorMessage = "Tên viết tắt dài quá {1} ký tự.")]
    public string? ShortName { get; set; }

    [StringLength(40, ErrorMessage = "Mã đơn vị dài quá {1} ký tự.")]
    public string? Code { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn loại đơn vị.")]
    public int? KindId { get; set; }

    public int? ParentId { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập ngày bắt đầu hiệu lực.")]
    [DateText]
    public string? ValidFrom { get; set; }

    [DateText]
    public string? ValidTo { get; set; }

    [Range(0, 99_999, ErrorMessage = "Thứ tự hiển thị phải là số nguyên từ {1} đến {2}.")]
    public int? SortOrder { get; set; }

    public static UnitInput From(OrgUnit u) => new()
    {
        Name = u.Name, ShortName = u.ShortName, Code = u.Code, KindId = u.KindId, ParentId = u.ParentId,
        ValidFrom = Formats.IsoDate(u.ValidFrom), ValidTo = Formats.IsoDate(u.ValidTo), SortOrder = u.SortOrder,
    };

    /// <summary>
    /// Checks the ids against the database and copies the values onto <paramref name="unit"/>.
    /// The parent must exist and must not be the unit or one of its descendants: a cycle would make
    /// the scope walk in OrgDirectory (and every tree view) never reach the top.
    /// </summary>
    public async Task ApplyToAsync(OrgUnit unit, AppDbContext db)
    {
        if (!await db.OrgUnitKinds.AnyAsync(k => k.Id == KindId))
            throw new DomainValidationException(nameof(KindId), "Loại đơn vị không tồn tại.");
        if (ParentId is { } parentId)
        {
            if (parentId == unit.Id)
                throw new DomainValidationException(nameof(ParentId), "Đơn vị không thể là cấp trên của chính nó.");
            if (!await db.OrgUnits.AnyAsync(u => u.Id == parentId))
                throw new DomainValidationException(nameof(ParentId), "Đơn vị cấp trên không tồn tại.");
            if (unit.Id != 0 && await IsBelowAsync(db, parentId, unit.Id))
                throw new DomainValidationException(nameof(ParentId), "Không thể chọn một đơn vị cấp dưới làm đơn vị cấp trên: cây tổ chức sẽ bị vòng lặp.");
        }

        // The database has no unique index on unit codes, but other code looks units up by them
        // (the demo seeder, imports): two units with one code would make that lookup ambiguous.
        var code = AdminText.Clean(Code);
        if (code is not null && await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != unit.Id))
            throw new DomainValidationException(nameof(Code), "Mã này đã được dùng cho một đơn vị khác.");

        unit.Name = AdminText.Clean(Name) ?? "";
        unit.ShortName = AdminText.Clean(ShortName);
        unit.Code = code;
        unit.KindId = KindId!.Value;
        unit.ParentId = ParentId;
        unit.ValidFrom = DateTextAttribute.Parse(ValidFrom)!.Value;
        unit.ValidTo = DateTextAttribute.Parse(ValidTo);
        unit.SortOrder = SortOrder ?? 0;
        unit.EnsureValidPeriod();
    }

    /// <summary>Whether <paramref name="candidate"/> lies below <paramref name="unitId"/>, walking up from the candidate.</summary>
    private static async Task<bool> IsBelowAsync(AppDbContext db, int candidate, int unitId)
    {
        var parentOf = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToDictionaryAsync(u => u.Id, u => u.ParentId);
        var seen = new HashSet<int>();
        for (int? id = candidate; id is { } current && seen.Add(current); id = parentOf.GetValueOrDefault(current))
            if (current == unitId) return true;
        return false;
    }
}
