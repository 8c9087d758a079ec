using System.Buffers;
using System.Globalization;
using System.Net;
using HdrHistogram;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// `web-load --url URL --rate R --requests N [--cookie "a=b; c=d"] [--warmup S] [--out file.hgrm]`:
/// open-loop latency of one address of a running server (bench/two-nodes/run.sh points it at nginx).
/// Each request is timed from its intended send time (<see cref="OpenLoop"/>) into an HdrHistogram;
/// only a 2xx counts as success, so an expired session (a redirect to sign-in) shows as errors.
/// Prints one line: `web-load rate=… requests=… errors=… p50=… p90=… p99=… p99.9=… max=… ms`.
/// </summary>
internal static class WebLoad
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var url = options.Url is { } u && Uri.TryCreate(u, UriKind.Absolute, out var parsed)
            ? parsed : throw new ArgumentException("--url needs an absolute address (http://127.0.0.1:8080/Portal).");
        if (options.Rate <= 0 || options.Requests <= 0) throw new ArgumentException("--rate and --requests must be positive.");

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
        })
        { Timeout = TimeSpan.FromSeconds(30) };
        async Task<bool> CallAsync(int _)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (options.Cookie is { } cookie) request.Headers.Add("Cookie", cookie);
            // The body is read to its end but not kept: at a few hundred 100 KB pages a second on one
            // core, copying each into a new array made the generator, not the server, the bottleneck.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                while (await body.ReadAsync(buffer) > 0) { }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return response.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.Ambiguous;
        }

        if (options.WarmupSeconds > 0)
            await OpenLoop.RunAsync(CallAsync, options.Rate, TimeSpan.FromSeconds(options.WarmupSeconds));

        // Microseconds, up to a minute, three significant digits.
        var histogram = new LongHistogram(60_000_000, 3);
        var duration = TimeSpan.FromSeconds((options.Requests + 0.5) / options.Rate);
        var run = await OpenLoop.RunAsync(CallAsync, options.Rate, duration, (_, millis) => histogram.RecordValue((long)Math.Round(millis * 1000)));

        string Ms(double percentile) => (histogram.GetValueAtPercentile(percentile) / 1000.0).ToString("F1", CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"web-load rate={options.Rate:F0} requests={run.Count + run.Errors} errors={run.Errors} p50={Ms(50)} p90={Ms(90)} p99={Ms(99)} p99.9={Ms(99.9)} max={histogram.GetMaxValue() / 1000.0:F1} ms"));
        if (options.Output is { } output)
        {
            await using var writer = new StreamWriter(output);
            histogram.OutputPercentileDistribution(writer, outputValueUnitScalingRatio: 1000.0);
        }
        return run.Errors == 0 ? 0 : 3;
    }
}
