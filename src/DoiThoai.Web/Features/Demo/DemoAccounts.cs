using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using static DoiThoai.Web.Features.Demo.DemoCodes;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// One demo sign-in per role. The provincial accounts belong to Tỉnh ủy Bắc Ninh, the unit of today;
/// through its successor links they still see the 2017 records of Bắc Giang.
/// </summary>
public static class DemoAccounts
{
    /// <summary>Shared by all demo accounts; meets the password rules in AccountsSetup.</summary>
    public const string Password = "DoiThoai#2017";

    public const string AdminUserName = "admin";
    public const string OfficeUserName = "vanphong";
    public const string LeaderUserName = "lanhdao";
    public const string HandlerUserName = "bantochuc";
    public const string MemberUserName = "dangvien";
    public const string EditorUserName = "bientap";

    private sealed record Row(string UserName, string Role, string DisplayName, string Unit, string? PersonName);

    private static readonly Row[] Rows =
    [
        new(AdminUserName, Roles.Administrator, "Quản trị hệ thống", New.Province, null),
        new(OfficeUserName, Roles.OfficeStaff, "Phạm Thị Thu Trang", New.Province, "Phạm Thị Thu Trang"),
        new(LeaderUserName, Roles.Leader, "Trịnh Quốc Bảo", New.Province, "Trịnh Quốc Bảo"),
        new(HandlerUserName, Roles.DepartmentHandler, "Giáp Văn Long", New.Organisation, "Giáp Văn Long"),
        new(MemberUserName, Roles.Member, "Đoàn Văn Mật", New.NoiNinh, "Đoàn Văn Mật"),
        new(EditorUserName, Roles.Editor, "Đào Thị Ngọc Anh", New.Province, "Đào Thị Ngọc Anh"),
    ];

    /// <summary>Creates the accounts through Identity (hashing, normalised names) inside the caller's transaction.</summary>
    internal static async Task CreateAsync(UserManager<AppUser> users, DemoWorld world)
    {
        foreach (var row in Rows)
        {
            var user = new AppUser
            {
                UserName = row.UserName,
                Email = $"{row.UserName}@doithoai.example",
                EmailConfirmed = true,
                DisplayName = row.DisplayName.Normalize(),
                OrgUnitId = world.UnitId(row.Unit),
                PersonId = row.PersonName is null ? null : world.Person(row.PersonName).Id,
            };
            Check(await users.CreateAsync(user, Password), row.UserName);
            Check(await users.AddToRoleAsync(user, row.Role), row.UserName);
            world.Accounts[row.UserName] = user;
        }
    }

    private static void Check(IdentityResult result, string userName)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"Không tạo được tài khoản mẫu {userName}. Could not create demo account {userName}: " +
                string.Join("; ", result.Errors.Select(e => $"{e.Code}: {e.Description}")));
    }

    internal static void Print(DemoWorld world)
    {
        Console.WriteLine($"Tài khoản mẫu / Demo accounts — mật khẩu / password: {Password}");
        Console.WriteLine($"  {"Tên đăng nhập / User",-22}{"Vai trò / Role",-42}Đơn vị / Unit");
        foreach (var row in Rows)
            Console.WriteLine($"  {row.UserName,-22}{$"{Roles.DisplayName(row.Role)} / {row.Role}",-42}{world.Units[row.Unit].Name}");
    }
}
