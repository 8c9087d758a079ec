namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Named leases in the database (<see cref="JobLease"/>), so that of several app nodes only one runs
/// a job at a time and the job runs once per period. Taking a lease is one conditional UPDATE, which
/// SQLite and PostgreSQL both apply atomically: of two nodes racing, one updates the row and the
/// other finds the condition false and updates nothing.
/// </summary>
public sealed class JobLeases(AppDbContext db)
{
    /// <summary>
    /// Takes the lease <paramref name="name"/> for <paramref name="holder"/> until
    /// <paramref name="nowUtc"/> + <paramref name="leaseFor"/>, if nobody holds it and the job last
    /// finished before <paramref name="lastRunBefore"/>. The row is created the first time; when two
    /// nodes create it at once, the loser gets the unique-key error, which means "taken".
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, DateTime nowUtc, TimeSpan leaseFor, DateTime lastRunBefore, CancellationToken ct = default)
    {
        var until = nowUtc + leaseFor;
        var taken = await db.JobLeases
            .Where(l => l.Name == name && l.ExpiresAtUtc <= nowUtc && (l.LastRunAtUtc == null || l.LastRunAtUtc < lastRunBefore))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), ct);
        if (taken == 1) return true;
        if (await db.JobLeases.AsNoTracking().AnyAsync(l => l.Name == name, ct)) return false;

        var lease = new JobLease { Name = name, Holder = holder, ExpiresAtUtc = until };
        db.JobLeases.Add(lease);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return false; // another node created it a moment ago and holds it
        }
        finally
        {
            db.Entry(lease).State = EntityState.Detached;
        }
    }

    /// <summary>Records a finished run and frees the lease, if <paramref name="holder"/> still holds it.</summary>
    public Task CompleteAsync(string name, string holder, DateTime nowUtc, CancellationToken ct = default) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.LastRunAtUtc, nowUtc).SetProperty(l => l.ExpiresAtUtc, nowUtc), ct);

    /// <summary>Frees the lease after a failed run without recording it, so the next round tries again.</summary>
    public Task ReleaseAsync(string name, string holder, DateTime nowUtc, CancellationToken ct = default) =>
        db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, nowUtc), ct);
}
