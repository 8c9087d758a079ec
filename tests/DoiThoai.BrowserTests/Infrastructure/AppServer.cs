using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>
/// The app's own Release build run as a real Kestrel process on a loopback port that Kestrel picks
/// itself (port 0, read back from its "Now listening on" line, so no other process can take the port
/// between choosing and binding it), in Production with a temp data folder of its own (SQLite) and
/// the demo data seeded on start. Its output is kept in artifacts/browser/app.log.
/// </summary>
public sealed partial class AppServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string dataPath = Path.Combine(Path.GetTempPath(), "doithoai-browser", Guid.NewGuid().ToString("N"));

    public Uri BaseUrl { get; private set; } = null!;

    private AppServer()
    {
        Directory.CreateDirectory(dataPath);
        var dll = Artifacts.WebAssemblyPath();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root (wwwroot, appsettings.json) is the project folder, as with `dotnet run`:
            // a build output folder has no wwwroot, and Production serves no static web assets from elsewhere.
            WorkingDirectory = Artifacts.WebProjectFolder,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = "http://127.0.0.1:0";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = "";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Demo__Seed"] = "true";
        // Reminders and digests are not looked at here; leaving them off keeps the CPU for the browser.
        start.Environment["Notifications__BackgroundJobs"] = "false";
        // The whole run signs in and searches from one address, faster than any person.
        start.Environment["RateLimits__SignInPerAddress"] = "10000";
        start.Environment["RateLimits__SignInPerUserName"] = "10000";
        start.Environment["RateLimits__SearchPerClient"] = "10000";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
    }

    public static async Task<AppServer> StartAsync()
    {
        var app = new AppServer();
        app.process.Start();
        app.process.BeginOutputReadLine();
        app.process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(StartTimeout);
        var exited = app.process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(app.listening.Task, exited) != app.listening.Task)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException($"the app did not start listening within {StartTimeout.TotalSeconds:0} s:\n{app.Log}");
        }
        app.BaseUrl = await app.listening.Task;
        return app;
    }

    /// <summary>An absolute address on the server for a path such as "/Sessions".</summary>
    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    public string Log { get { lock (log) return log.ToString(); } }

    private void Line(string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
        if (ListeningOn().Match(line) is { Success: true } m) listening.TrySetResult(new Uri(m.Groups[1].Value));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException) { } // never started
        process.Dispose();
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Folder, "app.log"), Log);
        try { Directory.Delete(dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
