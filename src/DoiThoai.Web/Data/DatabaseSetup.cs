using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Demo;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Search;

namespace DoiThoai.Web.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Chooses the EF Core provider from configuration. Both providers map the same model; each has
/// its own context subclass and migration set (docs/decisions/0001-two-providers.md).
/// </summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration config)
    {
        var value = config["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value)) return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    /// <summary>The one folder for everything the app keeps locally (SQLite file, later index and uploads).</summary>
    public static string DataPath(IConfiguration config, IHostEnvironment env)
    {
        var path = config["Storage:DataPath"];
        if (string.IsNullOrWhiteSpace(path)) path = "data";
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
    }

    /// <summary>
    /// Where uploaded files go (item attachments, portal photos and documents): Storage:FilesPath, or
    /// the data folder itself when unset (where they always were). Several app nodes point it at one shared folder (NFS in a
    /// real deployment), while each keeps its own data folder for its search index (ADR 0020).
    /// </summary>
    public static string FilesPath(IConfiguration config, IHostEnvironment env)
    {
        var path = config["Storage:FilesPath"];
        if (string.IsNullOrWhiteSpace(path)) return DataPath(config, env);
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(env.ContentRootPath, path));
    }

    private static readonly StorageFormInterceptor StorageForm = new();
    private static readonly SearchChangeInterceptor SearchChanges = new();
    private static readonly UnreadBadgeInterceptor UnreadBadges = new();

    public static WebApplicationBuilder AddAppDatabase(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        var connectionString = config.GetConnectionString("Default");
        // A list in a query (the units a province oversees, thousands of them after the 2025 merger) goes
        // as one JSON/array parameter, not EF Core 10's default of one SQL parameter per element: with a
        // 10,000-value IN list SQLite gave up its index search and scanned (statistics of a quarter
        // 606 → 105 ms), and every list length made a new SQL text. Pages of ids to inline use EF.Constant.
        switch (Provider(config))
        {
            case DatabaseProvider.Sqlite:
                var dataPath = DataPath(config, builder.Environment);
                Directory.CreateDirectory(dataPath);
                if (string.IsNullOrWhiteSpace(connectionString))
                    connectionString = $"Data Source={Path.Combine(dataPath, "doithoai.db")}";
                builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connectionString, sql => sql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(StorageForm, SearchChanges, UnreadBadges));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("ConnectionStrings:Default is required when Database:Provider is Postgres.");
                connectionString = Tuned(connectionString);
                builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connectionString, sql => sql.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter)).AddInterceptors(StorageForm, SearchChanges, UnreadBadges));
                break;
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// Two Npgsql settings the app's PostgreSQL connections get unless the connection string states
    /// them (ADR 0020, "Page cost"). No Reset On Close: Npgsql sent DISCARD ALL each time a connection
    /// went back to its pool, and EF opens and closes it around every query, so a third of the session
    /// page's statements were resets; the app leaves nothing on a connection for a reset to clear (no
    /// SET, temporary tables, LISTEN, advisory locks or prepared statements of its own; transactions end
    /// before the connection is returned, and Npgsql rolls back any that did not). Max Auto Prepare:
    /// the same few dozen EF statements run on every page, and PostgreSQL parsed and planned each
    /// again every time (two thirds of its CPU time on the session page); prepared automatically after
    /// a few uses, on each pooled connection, they skip that (the search page's items query: 0.8–1.6 ms
    /// of planning before 0.2–0.4 ms of work; pages of ids go as one array parameter so that its text
    /// stays the same, ADR 0022).
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var stated = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!stated.Contains("NoResetOnClose=", StringComparison.OrdinalIgnoreCase)) builder.NoResetOnClose = true;
        if (!stated.Contains("MaxAutoPrepare=", StringComparison.OrdinalIgnoreCase)) builder.MaxAutoPrepare = 50;
        return builder.ConnectionString;
    }

    /// <summary>Brings the schema up to date, ensures the roles, holidays and deadline rules and, when Demo:Seed is on, loads the demo data once.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await MigrateAsync(db);
        KeyRing.Ensure(scope.ServiceProvider);
        await RoleSetup.EnsureRolesAsync(scope.ServiceProvider);
        await CalendarSeed.EnsureAsync(db);
        if (app.Configuration.GetValue("Demo:Seed", app.Environment.IsDevelopment()))
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(printAccounts: true);
    }

    public static async Task MigrateAsync(AppDbContext db)
    {
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; the setting sticks to the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
    }
}
