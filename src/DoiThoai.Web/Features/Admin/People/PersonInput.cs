using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Admin.People;

/// <summary>The person form; lengths follow OrganisationConfiguration.</summary>
public sealed class PersonInput
{
    [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
    [StringLength(120, ErrorMessage = "Họ và tên dài quá {1} ký tự.")]
    public string? FullName { get; set; }

    [StringLength(200, ErrorMessage = "Chức vụ dài quá {1} ký tự.")]
    public string? Position { get; set; }

    public int? OrgUnitId { get; set; }

    [StringLength(200, ErrorMessage = "Thư điện tử dài quá {1} ký tự.")]
    [EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ.")]
    public string? Email { get; set; }

    [StringLength(40, ErrorMessage = "Số điện thoại dài quá {1} ký tự.")]
    [RegularExpression(@"^\+?[0-9 .()\-]{6,40}$", ErrorMessage = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc và dấu + ở đầu.")]
    public string? Phone { get; set; }

    public static PersonInput From(Person p) => new()
    {
        FullName = p.FullName, Position = p.Position, OrgUnitId = p.OrgUnitId, Email = p.Email, Phone = p.Phone,
    };

    public async Task ApplyToAsync(Person person, References references)
    {
        if (OrgUnitId is { } unitId) await references.UnitAsync(unitId, nameof(OrgUnitId));
        person.FullName = AdminText.Clean(FullName) ?? "";
        person.Position = AdminText.Clean(Position);
        person.OrgUnitId = OrgUnitId;
        person.Email = AdminText.Clean(Email);
        person.Phone = AdminText.Clean(Phone);
    }
}
