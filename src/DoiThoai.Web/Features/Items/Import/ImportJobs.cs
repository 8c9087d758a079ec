using System.Collections.Concurrent;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>An import running in the background: how far it got, and how it ended.</summary>
public sealed class ImportJob(Guid id, int sessionId, string userId, int total)
{
    private int read;

    public Guid Id { get; } = id;
    public int SessionId { get; } = sessionId;
    public string UserId { get; } = userId;
    public int Total { get; } = total;
    /// <summary>Rows handed to the import so far (written in the transaction, not yet committed).</summary>
    public int Read => Volatile.Read(ref read);
    public DateTime StartedAtUtc { get; init; }
    public bool IsFinished => Completion.IsCompleted;
    /// <summary>Set when the import failed; then nothing was saved.</summary>
    public string? Error { get; internal set; }
    public int Imported { get; internal set; }
    public Task Completion { get; internal set; } = Task.CompletedTask;

    internal IEnumerable<ImportRow> Counting(IEnumerable<ImportRow> rows)
    {
        foreach (var row in rows)
        {
            Interlocked.Increment(ref read);
            yield return row;
        }
    }
}

/// <summary>
/// Runs imports of checked sheets off the request, one transaction each (<see cref="ItemImport"/>),
/// so a large list neither holds a request open nor times out behind a proxy; the progress page
/// reads the job from here. The jobs live in this node's memory: the progress page must be asked
/// of the node that took the upload (one node, or sticky sessions), and a restart mid-import
/// rolls the transaction back, so nothing is half-imported (ADR 0016).
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobs> log)
{
    /// <summary>Rows per batch: small enough that the progress bar moves on a list of a few thousand.</summary>
    private const int ItemsPerBatch = 500;

    private readonly ConcurrentDictionary<Guid, ImportJob> jobs = new();

    public ImportJob Start(int sessionId, IReadOnlyList<ImportRow> rows, Actor actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var old in jobs.Values.Where(j => j.IsFinished && j.StartedAtUtc < now.AddHours(-6)))
            jobs.TryRemove(old.Id, out _);
        var job = new ImportJob(Guid.NewGuid(), sessionId, actor.UserId ?? "", rows.Count) { StartedAtUtc = now };
        jobs[job.Id] = job;
        job.Completion = Task.Run(() => RunAsync(job, rows, actor));
        return job;
    }

    /// <summary>The job if it was started by this user.</summary>
    public ImportJob? Find(Guid id, string? userId) =>
        jobs.TryGetValue(id, out var job) && job.UserId == (userId ?? "") ? job : null;

    private async Task RunAsync(ImportJob job, IReadOnlyList<ImportRow> rows, Actor actor)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var ids = await scope.ServiceProvider.GetRequiredService<ItemImport>().ImportAsync(job.Counting(rows), actor, ItemsPerBatch);
            job.Imported = ids.Length;
        }
        catch (Exception e) when (e is DomainValidationException or WorkflowException or NotFoundException)
        {
            job.Error = e.Message;
        }
        catch (Exception e)
        {
            log.LogError(e, "Import of {Count} items into session {SessionId} failed", rows.Count, job.SessionId);
            job.Error = "Lỗi hệ thống khi nhập; không ý kiến nào được lưu. Hãy thử lại sau.";
        }
    }
}
