using Microsoft.Extensions.Options;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>What one round of the background work did.</summary>
public sealed record NotificationRound(int Reminders, int Digests, EmailRun Emails);

/// <summary>
/// One round of the background work: reminders, then the daily digest, then the emails (so that
/// what the first two wrote goes out in the same round). Each job runs in its own scope and a
/// failing one does not stop the others; the round then throws what failed. The hosted
/// <see cref="NotificationWorker"/> calls this on a timer; tests call it directly with a fake clock.
/// </summary>
public sealed class NotificationJobs(IServiceScopeFactory scopes)
{
    public async Task<NotificationRound> RunOnceAsync(CancellationToken ct = default)
    {
        var errors = new List<Exception>();
        var reminders = await RunAsync<ReminderJob, int>(j => j.RunOnceAsync(ct), 0, errors);
        var digests = await RunAsync<DigestJob, int>(j => j.RunOnceAsync(ct), 0, errors);
        var emails = await RunAsync<EmailSender, EmailRun>(j => j.RunOnceAsync(ct), EmailRun.None, errors);
        if (errors.Count > 0) throw new AggregateException("Notification jobs failed.", errors);
        return new NotificationRound(reminders, digests, emails);
    }

    /// <summary>Only the emails (what the sender alone would do in a round).</summary>
    public async Task<EmailRun> SendEmailsAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmailSender>().RunOnceAsync(ct);
    }

    private async Task<TResult> RunAsync<TJob, TResult>(Func<TJob, Task<TResult>> run, TResult none, List<Exception> errors)
        where TJob : notnull
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await run(scope.ServiceProvider.GetRequiredService<TJob>());
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e)
        {
            errors.Add(e);
            return none;
        }
    }
}

/// <summary>
/// The thin hosted loop: a round every <see cref="NotificationOptions.PollSeconds"/>. Every node
/// runs it; the leases and claims in the jobs make sure each reminder, digest and email happens once.
/// Registered only when Notifications:BackgroundJobs is true (the tests turn it off).
/// </summary>
public sealed class NotificationWorker(NotificationJobs jobs, IOptions<NotificationOptions> options, TimeProvider clock, ILogger<NotificationWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Repeating.RunAsync(TimeSpan.FromSeconds(Math.Max(1, options.Value.PollSeconds)), clock, async ct => await jobs.RunOnceAsync(ct),
            log, "Notification round failed; the next round tries again", stoppingToken);
}
