namespace DoiThoai.Web.Infrastructure;

/// <summary>The loop of a hosted worker: the work at once, then after every tick, until the app stops.</summary>
public static class Repeating
{
    /// <summary>
    /// Runs <paramref name="work"/> now and every <paramref name="interval"/> on <paramref name="clock"/>;
    /// a failed round is logged and the next one tries again.
    /// </summary>
    public static async Task RunAsync(TimeSpan interval, TimeProvider clock, Func<CancellationToken, Task> work, ILogger log, string failure,
        CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        try
        {
            do
            {
                try
                {
                    await work(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
#pragma warning disable CA2254 // The message is a constant of the caller.
                    log.LogError(e, failure);
#pragma warning restore CA2254
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
