using System.Collections.Concurrent;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>
/// Runs imports of checked sheets off the request, one transaction each (<see cref="ItemImport"/>),
/// so a large list neither holds a request open nor times out behind a proxy. Each job is an
/// <see cref="ImportJob"/> row, so the progress page answers on any node (ADR 0016, ADR 0020).
/// After every batch the running node writes the rows read and a heartbeat on a connection of its
/// own (committed at once, outside the import's transaction), except on SQLite: it is one node, and
/// its single writer is the import itself, so the count stays in this node's memory until the end.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobs> log)
{
    /// <summary>Rows per batch: small enough that the progress bar moves on a list of a few thousand.</summary>
    private const int ItemsPerBatch = 500;
    public const string SystemError = "Lỗi hệ thống khi nhập; không ý kiến nào được lưu. Hãy thử lại sau.";

    /// <summary>The jobs this node runs now, with the rows written so far.</summary>
    private readonly ConcurrentDictionary<Guid, Running> running = new();

    private sealed class Running
    {
        public int Read;
        public Task Completion = Task.CompletedTask;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Records the job <paramref name="id"/> (the upload's token) and starts it on this node. When
    /// the same upload was confirmed already, here or on another node at the same moment, that
    /// job is returned and nothing is imported twice: the row's key decides.
    /// </summary>
    public async Task<ImportJob> StartAsync(
        AppDbContext db, Guid id, int sessionId, IReadOnlyList<ImportRow> rows, Actor actor, CancellationToken cancellationToken = default)
    {
        var now = Now;
        await db.ImportJobs.Where(j => j.HeartbeatAtUtc < now - ImportJob.KeptFor).ExecuteDeleteAsync(cancellationToken);
        if (await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } existing) return existing;
        var job = ImportJob.Start(id, sessionId, actor, rows.Count, now);
        db.ImportJobs.Add(job);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node confirmed the same upload between the look-up and the insert.
            db.ChangeTracker.Clear();
            if (await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken) is { } raced) return raced;
            throw;
        }
        var run = new Running();
        running[id] = run;
        run.Completion = Task.Run(() => RunAsync(job, rows, actor, run), CancellationToken.None);
        return job;
    }

    /// <summary>The job if it was started by this user, as it stands now (<see cref="ImportJob.SeenAt"/>).</summary>
    public async Task<ImportJob?> FindAsync(AppDbContext db, Guid id, string? userId, CancellationToken cancellationToken = default)
    {
        // This node's count first: a job it no longer runs has written its final state before leaving the list.
        int? readHere = running.TryGetValue(id, out var run) ? Volatile.Read(ref run.Read) : null;
        var job = await db.ImportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.UserId == (userId ?? ""), cancellationToken);
        return job?.SeenAt(Now, readHere);
    }

    /// <summary>Completes when this node's job <paramref name="id"/> has ended (at once if it runs elsewhere or ended).</summary>
    public Task WhenFinished(Guid id) => running.TryGetValue(id, out var run) ? run.Completion : Task.CompletedTask;

    private async Task RunAsync(ImportJob job, IReadOnlyList<ImportRow> rows, Actor actor, Running run)
    {
        try
        {
            await using var progressScope = scopes.CreateAsyncScope();
            var progressDb = progressScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var beats = !progressDb.Database.IsSqlite();
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ItemImport>().ImportAsync(rows, actor, ItemsPerBatch, new ImportSteps(
                BatchWritten: async read =>
                {
                    Volatile.Write(ref run.Read, read);
                    if (!beats) return;
                    var now = Now;
                    await progressDb.ImportJobs.Where(j => j.Id == job.Id && j.State == ImportJobState.Running)
                        .ExecuteUpdateAsync(s => s.SetProperty(j => j.RowsRead, read).SetProperty(j => j.HeartbeatAtUtc, now));
                },
                // Inside the import's transaction: "done" commits with the items, so a crash never leaves one without the other.
                BeforeCommit: (db, ids) =>
                {
                    var now = Now;
                    return db.ImportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                        .SetProperty(j => j.State, ImportJobState.Done).SetProperty(j => j.Imported, ids.Length)
                        .SetProperty(j => j.RowsRead, ids.Length).SetProperty(j => j.HeartbeatAtUtc, now)
                        .SetProperty(j => j.FinishedAtUtc, now));
                }));
        }
        catch (Exception e) when (e is DomainValidationException or WorkflowException or NotFoundException)
        {
            await FailAsync(job.Id, e.Message);
        }
        catch (Exception e)
        {
            log.LogError(e, "Import of {Count} items into session {SessionId} failed", rows.Count, job.SessionId);
            await FailAsync(job.Id, SystemError);
        }
        finally
        {
            running.TryRemove(job.Id, out _);
        }
    }

    /// <summary>Records the failure; if even that fails, the row's heartbeat goes stale and readers see it failed all the same.</summary>
    private async Task FailAsync(Guid id, string error)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = Now;
            var message = ImportJob.ShortError(error);
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().ImportJobs
                .Where(j => j.Id == id && j.State == ImportJobState.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, ImportJobState.Failed).SetProperty(j => j.Error, message)
                    .SetProperty(j => j.HeartbeatAtUtc, now).SetProperty(j => j.FinishedAtUtc, now));
        }
        catch (Exception e)
        {
            log.LogError(e, "Could not record the failure of import job {JobId}", id);
        }
    }
}
