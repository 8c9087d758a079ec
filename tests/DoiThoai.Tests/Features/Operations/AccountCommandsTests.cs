using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Tests.Features.Operations;

/// <summary>`create-user` and `reset-password`, run as an operator would, the password never on the command line.</summary>
public sealed class AccountCommandsTests(AppProcess app) : IClassFixture<AppProcess>
{
    private const string Strong = "Tinh-uy#2026-BN";

    private static Dictionary<string, string> Password(string password) => new() { ["DOITHOAI_PASSWORD"] = password };
    private static readonly Dictionary<string, string> None = [];

    private async Task<AppUser?> UserAsync(string userName)
    {
        await using var db = app.Db();
        return await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == userName);
    }

    private static bool Verifies(AppUser user, string password) =>
        new PasswordHasher<AppUser>().VerifyHashedPassword(user, user.PasswordHash!, password) != PasswordVerificationResult.Failed;

    [Fact]
    public async Task Create_user_checks_role_unit_and_password_policy_then_reset_password_replaces_it_and_signs_out()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        string[] create = ["create-user", "--user", "vanphong2", "--name", "Nguyễn Thị Hoa", "--email", "hoa@bacninh.example", "--role", "officestaff", "--unit", "BN-TU-BTC"];

        var weak = await app.RunAsync(Password("ngan"), null, create);
        Assert.Equal(2, weak.ExitCode);
        Assert.Contains("refused", weak.Output);
        Assert.Null(await UserAsync("vanphong2"));

        var badRole = await app.RunAsync(Password(Strong), null, [.. create[..^4], "--role", "Boss", "--unit", "BN-TU-BTC"]);
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("Unknown role", badRole.Output);
        var badUnit = await app.RunAsync(Password(Strong), null, [.. create[..^2], "--unit", "KHONG-CO"]);
        Assert.Equal(2, badUnit.ExitCode);
        Assert.Contains("Unknown unit", badUnit.Output);
        var noPassword = await app.RunAsync(None, "", create);
        Assert.Equal(2, noPassword.ExitCode);
        Assert.Contains("Password missing", noPassword.Output);

        // The password on standard input, as `… create-user … < secret` or a prompt would give it.
        var created = await app.RunAsync(None, Strong, create);
        Assert.True(created.ExitCode == 0, created.Output);
        var user = (await UserAsync("vanphong2"))!;
        Assert.Equal("Nguyễn Thị Hoa", user.DisplayName);
        Assert.True(Verifies(user, Strong));
        await using (var db = app.Db())
        {
            Assert.Equal("BN-TU-BTC", await db.OrgUnits.Where(u => u.Id == user.OrgUnitId).Select(u => u.Code).SingleAsync());
            var roleIds = db.UserRoles.Where(r => r.UserId == user.Id).Select(r => r.RoleId);
            Assert.Equal([Roles.OfficeStaff], await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name!).ToListAsync());
        }
        var twice = await app.RunAsync(None, Strong, create);
        Assert.Equal(2, twice.ExitCode);
        Assert.Single((await app.Db().Users.Where(u => u.UserName == "vanphong2").ToListAsync()));

        var refused = await app.RunAsync(Password("password"), null, "reset-password", "--user", "vanphong2");
        Assert.Equal(2, refused.ExitCode);
        Assert.True(Verifies((await UserAsync("vanphong2"))!, Strong));
        var unknown = await app.RunAsync(Password(Strong), null, "reset-password", "--user", "khongco");
        Assert.Equal(2, unknown.ExitCode);

        const string renewed = "Mat-khau#Moi-2027";
        var reset = await app.RunAsync(Password(renewed), null, "reset-password", "--user", "vanphong2");
        Assert.True(reset.ExitCode == 0, reset.Output);
        var after = (await UserAsync("vanphong2"))!;
        Assert.True(Verifies(after, renewed));
        Assert.False(Verifies(after, Strong));
        Assert.NotEqual(user.SecurityStamp, after.SecurityStamp);
    }
}
