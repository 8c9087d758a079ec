using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace DoiThoai.Web.Features.Demo;

/// <summary>
/// Loads the demo data: the Bắc Giang → Bắc Ninh organisation across the 2025 reform, the 08/09/2017
/// dialogue in Việt Yên with its 16 opinions followed to their answers, two sessions of 2026 with
/// work in every follow-up state, the conclusions as tasks, answer templates, the portal's articles and one account per role.
/// It runs once: a second call finds the root unit's code and does nothing. Everything is written in
/// one transaction, so a failure leaves no half-loaded demo behind.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, Portal.PhotoStore photos)
{
    public async Task<bool> SeedAsync(bool printAccounts)
    {
        await using var transaction = await db.Database.BeginTransactionAsync();
        if (await db.OrgUnits.AnyAsync(u => u.Code == DemoCodes.Old.Province))
            return false;

        // The accounts need their roles even when a caller forgot RoleSetup; it is a no-op otherwise.
        await RoleSetup.EnsureRolesAsync(roles);

        // Sessions and accounts refer to units and people by id, so the organisation is saved first.
        var world = await DemoOrganisation.AddAsync(db);
        await SaveAsync();
        await DemoAccounts.CreateAsync(users, world);

        DemoSession2017.Add(db, world);
        DemoSessions2026.Add(db, world, clock.GetUtcNow().UtcDateTime);
        DemoTemplates.Add(db, world);
        await SaveAsync();
        // The portal's article links to the 2017 session, which needs its id first.
        await DemoPortal.AddAsync(db, world, photos, clock.GetUtcNow().UtcDateTime);
        await SaveAsync();

        await transaction.CommitAsync();
        if (printAccounts) DemoAccounts.Print(world);
        return true;
    }

    // Text reaches the database in NFC through StorageFormInterceptor, as everyone's does.
    private Task SaveAsync() => db.SaveChangesAsync();
}
