using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Cli;

/// <summary>
/// `create-user` and `reset-password`: accounts made or repaired from the server's shell, e.g. the
/// first administrator of a province before anyone can sign in. The password never goes on the
/// command line (it would stay in the shell history and in `ps`): it is read from the
/// DOITHOAI_PASSWORD environment variable or from the first line of standard input, and checked
/// against the same policy as the sign-in pages.
/// </summary>
public static class AccountCommands
{
    public const string PasswordVariable = "DOITHOAI_PASSWORD";
    public const string CreateUsage = "create-user --user NAME --name \"HỌ TÊN\" --email EMAIL --role ROLE --unit CODE|ID (mật khẩu / password: DOITHOAI_PASSWORD hoặc stdin)";
    public const string ResetUsage = "reset-password --user NAME (mật khẩu / password: DOITHOAI_PASSWORD hoặc stdin)";

    public static async Task<int> CreateUserAsync(IServiceProvider services, string[] args)
    {
        var (userName, fullName, email, roleName, unit) =
            (Option(args, "--user"), Option(args, "--name"), Option(args, "--email"), Option(args, "--role"), Option(args, "--unit"));
        if (userName is null || fullName is null || roleName is null || unit is null)
            return Fail($"Cách dùng / usage: {CreateUsage}");
        var role = Roles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
        if (role is null)
            return Fail($"Vai trò không hợp lệ: '{roleName}'. Unknown role; one of: {string.Join(", ", Roles.All)}.");

        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        await RoleSetup.EnsureRolesAsync(services);
        var unitId = int.TryParse(unit, out var id)
            ? await db.OrgUnits.Where(u => u.Id == id).Select(u => (int?)u.Id).SingleOrDefaultAsync()
            : await db.OrgUnits.Where(u => u.Code == unit).OrderByDescending(u => u.ValidTo == null).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        if (unitId is null) return Fail($"Không tìm thấy đơn vị '{unit}'. Unknown unit (give its code or id).");
        if (ReadPassword() is not { } password) return Fail(NoPassword);

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser
        {
            UserName = userName.Trim(),
            DisplayName = fullName.Trim().Normalize(),
            Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim(),
            EmailConfirmed = !string.IsNullOrWhiteSpace(email),
            OrgUnitId = unitId.Value,
        };
        // The account and its role are one change: no account is left without its role.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Fail(Describe(created));
        var inRole = await users.AddToRoleAsync(user, role);
        if (!inRole.Succeeded) return Fail(Describe(inRole));
        await transaction.CommitAsync();
        Console.WriteLine($"Đã tạo tài khoản {user.UserName} ({Roles.DisplayName(role)}). Account created.");
        return 0;
    }

    public static async Task<int> ResetPasswordAsync(IServiceProvider services, string[] args)
    {
        if (Option(args, "--user") is not { } userName) return Fail($"Cách dùng / usage: {ResetUsage}");
        await DatabaseSetup.MigrateAsync(services.GetRequiredService<AppDbContext>());
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByNameAsync(userName.Trim());
        if (user is null) return Fail($"Không tìm thấy tài khoản '{userName}'. Unknown user.");
        if (ReadPassword() is not { } password) return Fail(NoPassword);
        // Checked before anything changes, so a refused password leaves the old one in place.
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, password);
            if (!valid.Succeeded) return Fail(Describe(valid));
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        // A new stamp signs out every session of the account; a lockout from failed attempts ends.
        await users.UpdateSecurityStampAsync(user);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        Console.WriteLine($"Đã đặt lại mật khẩu cho {user.UserName}. Password reset.");
        return 0;
    }

    private const string NoPassword =
        "Thiếu mật khẩu: đặt biến môi trường DOITHOAI_PASSWORD hoặc nhập ở dòng đầu của stdin. Password missing (DOITHOAI_PASSWORD or stdin).";

    /// <summary>The environment variable, else the first line of standard input when it is redirected.</summary>
    private static string? ReadPassword()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(PasswordVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        if (!Console.IsInputRedirected) Console.Error.Write("Mật khẩu / password: ");
        var line = Console.In.ReadLine();
        return string.IsNullOrEmpty(line) ? null : line;
    }

    private static string Describe(IdentityResult result) =>
        "Không đạt yêu cầu / refused: " + string.Join(" ", result.Errors.Select(e => e.Description));

    internal static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
