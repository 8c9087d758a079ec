using System.Diagnostics;
using Npgsql;

namespace DoiThoai.Tests.Infrastructure;

/// <summary>
/// The app's own executable run with an operator verb in a separate process, against a data folder
/// and (on PostgreSQL) a database of its own, both removed when the test is done.
/// </summary>
public sealed class AppProcess : IAsyncLifetime
{
    private readonly string provider = Environment.GetEnvironmentVariable("DOITHOAI_TEST_PROVIDER") ?? "Sqlite";
    private readonly string database = "doithoai_cli_" + Guid.NewGuid().ToString("N")[..12];

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "doithoai-cli", Guid.NewGuid().ToString("N"));

    private string? PostgresConnection => provider == "Postgres"
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG")) { Database = database }.ConnectionString
        : null;

    public async Task<(int ExitCode, string Output)> RunAsync(string verb, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), verb, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = DataPath;
        start.Environment["Database__Provider"] = provider;
        if (PostgresConnection is { } cs) start.Environment["ConnectionStrings__Default"] = cs;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The web project's own build output (same configuration as the tests).</summary>
    private static string WebAssemblyPath()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory); // tests/DoiThoai.Tests/bin/<Configuration>/net10.0/
        var configuration = testBin.Parent!.Name;
        var root = testBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(root, "src", "DoiThoai.Web", "bin", configuration, testBin.Name, "DoiThoai.Web.dll");
        Assert.True(File.Exists(path), $"missing {path}");
        return path;
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
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
