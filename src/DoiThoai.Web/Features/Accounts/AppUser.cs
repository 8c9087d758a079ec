using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// A sign-in account. <see cref="OrgUnitId"/> is the unit whose work the account sees (its scope);
/// the person behind the account, when known, is <see cref="PersonId"/>.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int OrgUnitId { get; set; }
    public OrgUnit? OrgUnit { get; set; }
    public int? PersonId { get; set; }
    public Person? Person { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Email for notifications: at once, one digest a day, or none (in-app only).</summary>
    public Notifications.EmailDelivery EmailDelivery { get; set; } = Notifications.EmailDelivery.Immediately;
}

/// <summary>Role names. Roles are fixed by the code because each one unlocks code paths.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string OfficeStaff = "OfficeStaff";
    public const string Leader = "Leader";
    public const string DepartmentHandler = "DepartmentHandler";
    public const string Member = "Member";
    public const string Editor = "Editor";

    public static readonly IReadOnlyList<string> All =
        [Administrator, OfficeStaff, Leader, DepartmentHandler, Member, Editor];

    /// <summary>Roles that record and move sessions and items through their workflow.</summary>
    public const string Secretariat = OfficeStaff + "," + Leader + "," + Administrator;

    public static string DisplayName(string role) => role switch
    {
        Administrator => "Quản trị hệ thống",
        OfficeStaff => "Văn phòng",
        Leader => "Lãnh đạo",
        DepartmentHandler => "Cán bộ ban tham mưu",
        Member => "Đảng viên",
        Editor => "Biên tập viên",
        _ => role,
    };
}
