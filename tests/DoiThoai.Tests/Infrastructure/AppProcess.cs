using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DoiThoai.Web.Data;
using Npgsql;

namespace DoiThoai.Tests.Infrastructure;

/// <summary>
/// The app's own executable run with an operator verb in a separate process, against a data folder
/// and (on PostgreSQL) a database of its own, both removed when the test is done.
/// </summary>
public sealed partial class AppProcess : IAsyncLifetime
{
    private readonly string provider = Environment.GetEnvironmentVariable("DOITHOAI_TEST_PROVIDER") ?? "Sqlite";
    private readonly string database = "doithoai_cli_" + Guid.NewGuid().ToString("N")[..12];

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "doithoai-cli", Guid.NewGuid().ToString("N"));

    private string? PostgresConnection => provider == "Postgres"
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG")) { Database = database }.ConnectionString
        : null;

    public string Provider => provider;

    /// <summary>Runs the verb with its arguments (`classifier`, `evaluate`, `--train`, DIR …).</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(params string[] verbAndArguments) =>
        await RunAsync(new Dictionary<string, string>(), null, verbAndArguments);

    /// <summary>Runs the verb with extra environment variables (a password, another database) and what it reads on stdin.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string> environment, string? stdin, params string[] verbAndArguments)
    {
        var start = StartInfo(verbAndArguments);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        if (stdin is not null) await process.StandardInput.WriteLineAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private ProcessStartInfo StartInfo(string[] verbAndArguments)
    {
        var start = new ProcessStartInfo("dotnet", [WebAssemblyPath(), .. verbAndArguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(WebAssemblyPath())!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = DataPath;
        start.Environment["Database__Provider"] = provider;
        start.Environment["Notifications__BackgroundJobs"] = "false";
        start.Environment["DOITHOAI_PASSWORD"] = "";
        if (PostgresConnection is { } cs) start.Environment["ConnectionStrings__Default"] = cs;
        return start;
    }

    /// <summary>
    /// Starts the executable without waiting for it: a verb, or (no arguments) the server on a
    /// loopback port Kestrel picks. The test ends it, usually with SIGKILL.
    /// </summary>
    public Task<Running> StartAsync(params string[] verbAndArguments) => StartAsync(new Dictionary<string, string>(), verbAndArguments);

    /// <summary>The same with extra environment variables (a setting turned on).</summary>
    public async Task<Running> StartAsync(IReadOnlyDictionary<string, string> environment, params string[] verbAndArguments)
    {
        var start = StartInfo(verbAndArguments);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.Environment["Urls"] = "http://127.0.0.1:0";
        var running = new Running(new Process { StartInfo = start });
        running.Process.OutputDataReceived += (_, e) => running.Line(e.Data);
        running.Process.ErrorDataReceived += (_, e) => running.Line(e.Data);
        running.Process.Start();
        running.Process.BeginOutputReadLine();
        running.Process.BeginErrorReadLine();
        if (verbAndArguments.Length == 0)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            var exited = running.Process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(running.Listening.Task, exited) != running.Listening.Task)
                throw new InvalidOperationException("the app did not start listening:\n" + running.Output);
        }
        return running;
    }

    /// <summary>A process of the app's executable; SIGKILL is <see cref="Process.Kill()"/> on Linux.</summary>
    public sealed class Running(Process process) : IDisposable
    {
        private readonly StringBuilder output = new();
        public Process Process { get; } = process;
        public TaskCompletionSource<Uri> Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Output { get { lock (output) return output.ToString(); } }

        public HttpClient Client() => new() { BaseAddress = Listening.Task.Result, Timeout = TimeSpan.FromSeconds(60) };

        internal void Line(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (ListeningOn().Match(line) is { Success: true } m) Listening.TrySetResult(new Uri(m.Groups[1].Value));
        }

        /// <summary>SIGKILL, as a power cut or the OOM killer would end it: no shutdown code runs.</summary>
        public async Task KillAsync()
        {
            if (!Process.HasExited) Process.Kill();
            await Process.WaitForExitAsync();
        }

        public void Dispose()
        {
            try { if (!Process.HasExited) Process.Kill(); } catch (InvalidOperationException) { }
            Process.Dispose();
        }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();

    /// <summary>The process's database, opened from the test to check what was stored.</summary>
    public AppDbContext Db() => Db(DataPath, PostgresConnection);

    /// <summary>A database of another data folder or PostgreSQL database (a restore's target).</summary>
    public static AppDbContext Db(string dataPath, string? postgresConnection) => postgresConnection is { } cs
        ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(cs).Options)
        : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
            .UseSqlite($"Data Source={Path.Combine(dataPath, "doithoai.db")};Pooling=False").Options);

    /// <summary>The same, on a second database of this test (a restore target), dropped with the first.</summary>
    public string? SecondPostgresConnection => provider == "Postgres"
        ? new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("DOITHOAI_TEST_PG")) { Database = database + "_b" }.ConnectionString
        : null;

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
            foreach (var name in new[] { database, database + "_b" })
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
                await drop.ExecuteNonQueryAsync();
            }
        }
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
