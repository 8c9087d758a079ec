using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// Creates the fixed roles (<see cref="Roles.All"/>) when they are missing. It runs on every start and
/// on the operator verbs, because a production database without demo data still needs its roles
/// before the first administrator can be given one.
/// </summary>
public static class RoleSetup
{
    public static async Task EnsureRolesAsync(IServiceProvider services) =>
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role)) continue;
            var result = await roles.CreateAsync(new IdentityRole(role));
            if (!result.Succeeded)
                throw new InvalidOperationException(
                    $"Không tạo được vai trò {role}. Could not create role {role}: " +
                    string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
