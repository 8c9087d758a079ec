namespace DoiThoai.Bench.Harness;

/// <summary>
/// The app's executable serving the benchmark database, a client signed in as the demo administrator
/// (who sees every item, so scope filtering costs its least), and the app's memory sampled every
/// 250 ms while the runs go on.
/// </summary>
internal sealed class ServedApp : IDisposable
{
    private const string AdminPassword = "DoiThoai#2017";

    private readonly CancellationTokenSource sampling = new();
    private readonly Task sampler;
    private MemorySample peak;

    public AppProcess Process { get; }
    public HttpClient Http { get; }

    private ServedApp(AppProcess process, HttpClient http)
    {
        Process = process;
        Http = http;
        sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var now = process.Memory();
                peak = new MemorySample(Math.Max(peak.WorkingSet, now.WorkingSet), now.PeakWorkingSet, Math.Max(peak.PrivateBytes, now.PrivateBytes));
                try { await Task.Delay(250, sampling.Token); } catch (TaskCanceledException) { }
            }
        });
    }

    public static async Task<ServedApp> StartAsync(BenchDatabase database, BenchOptions options)
    {
        var process = await AppProcess.StartAsync(database.Environment(database.DataPath));
        var http = await process.SignedInClientAsync("admin", AdminPassword);
        Console.WriteLine($"App serving {options.Items:N0} items at {process.BaseAddress} (pid {process.ProcessId}); {options.Rate} req/s, " +
            $"{options.Runs} runs × {options.Seconds} s after {options.WarmupSeconds} s warm-up per query set.");
        return new ServedApp(process, http);
    }

    /// <summary>Largest working set and private bytes seen so far, and the kernel's peak (VmHWM).</summary>
    public async Task<MemorySample> StopSamplingAsync()
    {
        await sampling.CancelAsync();
        await sampler;
        return peak with { PeakWorkingSet = Process.Memory().PeakWorkingSet };
    }

    public void Dispose()
    {
        sampling.Cancel();
        Http.Dispose();
        Process.Dispose();
        sampling.Dispose();
    }
}

/// <summary>The median figures of one query set through the app and, when there is one, straight to the engine.</summary>
internal sealed record LoadResult(string Name, Percentiles App, Percentiles? Engine);

internal static class LoadRuns
{
    /// <summary>
    /// Warms up, then alternates app and engine runs at the fixed rate; request i uses query
    /// <c>i % queryCount</c> on both sides. Prints each run and the five slowest queries through the app.
    /// </summary>
    public static async Task<LoadResult> CompareAsync(BenchOptions options, string name, IReadOnlyList<string> queries,
        Func<int, Task<bool>> viaApp, Func<int, Task<bool>>? viaEngine)
    {
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var run = TimeSpan.FromSeconds(options.Seconds);
        await OpenLoop.RunAsync(viaApp, options.Rate, warmup);
        if (viaEngine is not null) await OpenLoop.RunAsync(viaEngine, options.Rate, warmup);
        var slowest = new Dictionary<string, double>();
        void Observe(int i, double ms)
        {
            var query = queries[i % queries.Count];
            slowest[query] = Math.Max(ms, slowest.GetValueOrDefault(query));
        }
        var appRuns = new List<Percentiles>();
        var engineRuns = new List<Percentiles>();
        for (var r = 0; r < options.Runs; r++)
        {
            appRuns.Add(await OpenLoop.RunAsync(viaApp, options.Rate, run, Observe));
            if (viaEngine is not null) engineRuns.Add(await OpenLoop.RunAsync(viaEngine, options.Rate, run));
            Console.WriteLine($"  {name}, run {r + 1}: app p95 {appRuns[^1].P95:F1} ms" + (viaEngine is null ? "" : $", engine p95 {engineRuns[^1].P95:F1} ms"));
        }
        if (queries.Count > 1)
            Console.WriteLine("  slowest through the app: " + string.Join(", ", slowest.OrderByDescending(q => q.Value).Take(5)
                .Select(q => $"\"{(q.Key.Length > 40 ? q.Key[..40] + "…" : q.Key)}\" {q.Value:F0} ms")));
        return new(name, Percentiles.Median(appRuns), viaEngine is null ? null : Percentiles.Median(engineRuns));
    }
}
