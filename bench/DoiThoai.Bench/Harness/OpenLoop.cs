using System.Diagnostics;

namespace DoiThoai.Bench.Harness;

/// <summary>Latency percentiles of one run, in milliseconds.</summary>
internal readonly record struct Percentiles(double P50, double P95, double P99, int Count, int Errors)
{
    public static Percentiles Of(IReadOnlyCollection<double> millis, int errors)
    {
        var sorted = millis.Order().ToArray();
        double At(double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new(At(0.50), At(0.95), At(0.99), sorted.Length, errors);
    }

    /// <summary>The median of each percentile over repeated runs.</summary>
    public static Percentiles Median(IReadOnlyList<Percentiles> runs)
    {
        double Mid(Func<Percentiles, double> pick)
        {
            var values = runs.Select(pick).Order().ToArray();
            return values.Length % 2 == 1 ? values[values.Length / 2] : (values[values.Length / 2 - 1] + values[values.Length / 2]) / 2;
        }
        return new(Mid(r => r.P50), Mid(r => r.P95), Mid(r => r.P99), runs.Sum(r => r.Count), runs.Sum(r => r.Errors));
    }
}

/// <summary>
/// Open-loop load: request i is sent at start + i/rate whatever the earlier ones are doing, and its
/// latency runs from that scheduled moment, so a slow answer delays no later request and queueing
/// shows in the figures instead of being hidden (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    /// <param name="call">Sends request number i; returns false when it failed (counted, not timed).</param>
    /// <param name="observe">Told the latency of each request i that succeeded (to find the slow queries).</param>
    public static async Task<Percentiles> RunAsync(Func<int, Task<bool>> call, double rate, TimeSpan duration, Action<int, double>? observe = null)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var failed = new bool[count];
        var inFlight = new Task[count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = i / rate;
            var wait = due - clock.Elapsed.TotalSeconds;
            if (wait > 0.002) await Task.Delay(TimeSpan.FromSeconds(wait - 0.0015));
            // The last stretch is spun so requests leave on time to well under a millisecond.
            while (clock.Elapsed.TotalSeconds < due) Thread.SpinWait(50);
            var n = i;
            inFlight[i] = Task.Run(async () =>
            {
                try { failed[n] = !await call(n); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { failed[n] = true; }
                latencies[n] = (clock.Elapsed.TotalSeconds - due) * 1000;
            });
        }
        await Task.WhenAll(inFlight);
        for (var i = 0; i < count; i++)
            if (!failed[i]) observe?.Invoke(i, latencies[i]);
        return Percentiles.Of(latencies.Where((_, i) => !failed[i]).ToList(), failed.Count(f => f));
    }
}
