using System.Diagnostics;
using Npgsql;

namespace DoiThoai.Tests.Features.Search;

/// <summary>The `reindex` verb, run as an operator would: the app's executable in its own process.</summary>
public sealed class ReindexCommandTests : IAsyncLifetime
{
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "doithoai-cli", Guid.NewGuid().ToString("N"));
    private readonly string provider = Environment.GetEnvironmentVariable("DOITHOAI_TEST_PROVIDER") ?? "Sqlite";
    private readonly string database = "doithoai_cli_" + Guid.NewGuid().ToString("N")[..12];

    private string? PostgresConnection => provider == "Postgres"
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG")) { Database = database }.ConnectionString
        : null;

    [Fact]
    public async Task Reindex_deletes_and_rebuilds_the_index_from_the_database()
    {
        var seed = await RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);

        var first = await RunAsync("reindex");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Matches(@"Indexed [1-9][\d,.]* items", first.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(dataPath, "search-index"), "segments_*").Any());

        var again = await RunAsync("reindex");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(first.Output[first.Output.IndexOf("Indexed", StringComparison.Ordinal)..], again.Output[again.Output.IndexOf("Indexed", StringComparison.Ordinal)..]);

        var help = await RunAsync("help");
        Assert.Contains("reindex", help.Output);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string verb)
    {
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), verb])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Database__Provider"] = provider;
        if (PostgresConnection is { } cs) start.Environment["ConnectionStrings__Default"] = cs;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string WebAssemblyPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "src", "DoiThoai.Web", "bin", configuration, testBin.Name, "DoiThoai.Web.dll");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (PostgresConnection is not null)
        {
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG"));
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
