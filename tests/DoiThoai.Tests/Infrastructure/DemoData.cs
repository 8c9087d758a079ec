namespace DoiThoai.Tests.Infrastructure;

/// <summary>Looks up demo rows by what a user would recognise (names, dates), not by id.</summary>
public static class DemoData
{
    public static Task<int> UnitIdAsync(this AppFactory app, string name) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name == name).Select(u => u.Id).SingleAsync());

    public static Task<int> TopicIdAsync(this AppFactory app) =>
        app.WithDbAsync(db => db.Topics.Where(t => t.IsActive).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync());

    public static Task<int> SeedSessionIdAsync(this AppFactory app) =>
        app.WithDbAsync(db => db.Sessions.Where(s => s.StartsAtUtc >= new DateTime(2017, 9, 7, 17, 0, 0, DateTimeKind.Utc)
            && s.StartsAtUtc < new DateTime(2017, 9, 8, 17, 0, 0, DateTimeKind.Utc)).Select(s => s.Id).SingleAsync());

    public static Task<int> PersonIdAsync(this AppFactory app, string fullName) =>
        app.WithDbAsync(db => db.People.Where(p => p.FullName == fullName).Select(p => p.Id).FirstAsync());
}
