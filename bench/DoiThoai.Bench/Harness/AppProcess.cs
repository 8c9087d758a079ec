using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// The app's own executable (src/DoiThoai.Web/bin/Release/net10.0/DoiThoai.Web.dll, built by
/// `dotnet run -c Release` of this project), run with a verb or serving on a free local port.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process process;
    public Uri BaseAddress { get; }
    public int ProcessId => process.Id;

    private AppProcess(Process process, Uri baseAddress) => (this.process, BaseAddress) = (process, baseAddress);

    public static string AppDll()
    {
        var root = RepoRoot();
        var dll = Path.Combine(root, "src", "DoiThoai.Web", "bin", "Release", "net10.0", "DoiThoai.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the app first: dotnet build {root}/DoiThoai.slnx -c Release", dll);
    }

    public static string RepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DoiThoai.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the DoiThoai repository.");
    }

    /// <summary>Runs an operator verb (migrate, seed-demo …) to completion; throws on a non-zero exit.</summary>
    public static async Task RunVerbAsync(IReadOnlyDictionary<string, string> env, params string[] verb)
    {
        using var process = Process.Start(StartInfo(env, verb))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"DoiThoai.Web {string.Join(' ', verb)} failed ({process.ExitCode}):\n{await output}\n{await error}");
    }

    /// <summary>Starts the app serving on a free port and waits until /health/ready answers.</summary>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> env)
    {
        var port = FreePort();
        var serving = new Dictionary<string, string>(env)
        {
            // Not ASPNETCORE_URLS: appsettings.json sets Urls, and plain environment variables come after it.
            ["Urls"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            // Reminders and digests would scan the items on their own timer; the runs measure search alone.
            ["Notifications__BackgroundJobs"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            // The rate limits (ADR 0017) would answer most of a load run with 429.
            ["RateLimits__Enabled"] = "false",
        };
        var process = Process.Start(StartInfo(serving, []))!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"  [app] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"  [app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode} while starting.");
            try
            {
                if ((await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode) return app;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        app.Dispose();
        throw new TimeoutException("The app did not become ready within two minutes.");
    }

    /// <summary>Signs in through the API and returns a client carrying the bearer token.</summary>
    public async Task<HttpClient> SignedInClientAsync(string userName, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(30), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var response = await http.PostAsJsonAsync(new Uri("/api/v1/auth/login", UriKind.Relative), new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())?.AccessToken
            ?? throw new InvalidOperationException("The login answered without an access token.");
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    private sealed record TokenResponse(string AccessToken);

    /// <summary>Resident set (now and peak) and private bytes of the app process, from /proc.</summary>
    public MemorySample Memory()
    {
        long Kb(string file, string key) => File.ReadLines($"/proc/{process.Id}/{file}")
            .Where(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l[(key.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture))
            .Sum();
        return new MemorySample(
            Kb("status", "VmRSS") * 1024,
            Kb("status", "VmHWM") * 1024,
            (Kb("smaps_rollup", "Private_Clean") + Kb("smaps_rollup", "Private_Dirty")) * 1024);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> env, string[] verb)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The project folder is the content root, as with `dotnet run`, so wwwroot is served.
            WorkingDirectory = Path.Combine(RepoRoot(), "src", "DoiThoai.Web"),
        };
        start.ArgumentList.Add(AppDll());
        foreach (var arg in verb) start.ArgumentList.Add(arg);
        foreach (var (key, value) in env) start.Environment[key] = value;
        return start;
    }

    internal static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

internal readonly record struct MemorySample(long WorkingSet, long PeakWorkingSet, long PrivateBytes);
