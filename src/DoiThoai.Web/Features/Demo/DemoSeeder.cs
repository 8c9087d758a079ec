namespace DoiThoai.Web.Features.Demo;

public sealed class DemoSeeder(AppDbContext db)
{
    public async Task<bool> SeedAsync(bool printAccounts)
    {
        await Task.CompletedTask;
        _ = db; _ = printAccounts;
        return false;
    }
}
