using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// Where one benchmark's data lives: the data folder (SQLite file, index, results) and the database
/// it points at, with the configuration the app's own executable and in-process hosts are given.
/// </summary>
internal sealed class BenchDatabase : IDisposable
{
    private readonly PostgresCluster? cluster;
    private readonly bool removeFolder;

    public DatabaseProvider Provider { get; }
    public string DataPath { get; }
    /// <summary>Null for SQLite: the app then uses doithoai.db in <see cref="DataPath"/>.</summary>
    public string? ConnectionString { get; }

    private BenchDatabase(DatabaseProvider provider, string dataPath, string? connectionString, PostgresCluster? cluster, bool removeFolder)
    {
        Provider = provider;
        DataPath = dataPath;
        ConnectionString = connectionString;
        this.cluster = cluster;
        this.removeFolder = removeFolder;
    }

    public static BenchDatabase Open(BenchOptions options)
    {
        var path = Path.GetFullPath(options.DataPath ?? Path.Combine(Path.GetTempPath(), $"doithoai-bench-{options.Provider.ToString().ToLowerInvariant()}-{options.Items}-{System.Environment.ProcessId}"));
        Directory.CreateDirectory(path);
        var remove = options.DataPath is null && !options.Keep;
        if (options.Provider == DatabaseProvider.Sqlite) return new(options.Provider, path, null, null, remove);
        if (options.Connection is { } connection) return new(options.Provider, path, connection, null, remove);
        var cluster = PostgresCluster.Start(Path.Combine(path, "pg"), keep: !remove);
        return new(options.Provider, path, cluster.ConnectionString("doithoai_bench"), cluster, remove);
    }

    /// <summary>Configuration as environment variables, the way an operator starts the app.</summary>
    public IReadOnlyDictionary<string, string> Environment(string dataPath)
    {
        var env = new Dictionary<string, string>
        {
            ["Database__Provider"] = Provider.ToString(),
            ["Storage__DataPath"] = dataPath,
        };
        if (ConnectionString is not null) env["ConnectionStrings__Default"] = ConnectionString;
        return env;
    }

    /// <summary>
    /// The app's database and search index registered the way Program.cs does, without the web
    /// server: for the bulk import and for querying the engine in-process. <paramref name="dataPath"/>
    /// may point at a copy of the data folder so the index read is not the one the app serves from.
    /// </summary>
    public WebApplication BuildHost(string dataPath)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = dataPath });
        builder.Configuration.AddInMemoryCollection(Environment(dataPath).Select(e => KeyValuePair.Create(e.Key.Replace("__", ":"), (string?)e.Value)));
        // SQLite: the database file stays in the one data folder even when the index is read from a copy.
        if (Provider == DatabaseProvider.Sqlite)
            builder.Configuration["ConnectionStrings:Default"] = $"Data Source={Path.Combine(DataPath, "doithoai.db")}";
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.AddAppDatabase();
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddScoped<ItemImport>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.Build();
    }

    /// <summary>Prints a Markdown report and keeps it beside the data (the folder is removed at the end unless --data or --keep).</summary>
    public async Task PublishAsync(string fileName, string report)
    {
        Console.WriteLine();
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(DataPath, fileName), report);
    }

    public void Dispose()
    {
        cluster?.Dispose();
        if (removeFolder) Directory.Delete(DataPath, recursive: true);
    }
}
