using System.Collections.Concurrent;
using System.Diagnostics;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// The shape of the organisation tree (parents and successor links) kept in memory, because every
/// request needs it to work out what the caller may see. It is small (thousands of rows) and
/// reloaded after a short time or at once when an administrator changes the tree.
/// </summary>
public sealed class OrgDirectory(IServiceScopeFactory scopes)
{
    public sealed record Snapshot(
        IReadOnlyDictionary<int, int?> ParentOf,
        ILookup<int, int> ChildrenOf,
        ILookup<int, int> PredecessorsOf)
    {
        // Worked out once per unit and snapshot: every signed-in request asks for its caller's two
        // sets, and a province's is its whole tree. The sets are shared, hence read-only.
        private readonly ConcurrentDictionary<int, IReadOnlySet<int>> overseen = new();
        private readonly ConcurrentDictionary<int, IReadOnlySet<int>> belongsTo = new();

        /// <summary>
        /// The unit, everything below it, and everything below the units it succeeded: a province
        /// formed by a merger sees the records of the provinces merged into it.
        /// </summary>
        public IReadOnlySet<int> Overseen(int unitId) => overseen.GetOrAdd(unitId, WalkDown);

        /// <summary>The unit, its predecessors, and all their ancestors: the organisations a member belongs to.</summary>
        public IReadOnlySet<int> BelongsTo(int unitId) => belongsTo.GetOrAdd(unitId, WalkUp);

        private HashSet<int> WalkDown(int unitId)
        {
            var result = new HashSet<int>();
            var queue = new Queue<int>([unitId]);
            while (queue.Count > 0)
            {
                var id = queue.Dequeue();
                if (!result.Add(id)) continue;
                foreach (var child in ChildrenOf[id]) queue.Enqueue(child);
                foreach (var predecessor in PredecessorsOf[id]) queue.Enqueue(predecessor);
            }
            return result;
        }

        private HashSet<int> WalkUp(int unitId)
        {
            var result = new HashSet<int>();
            var queue = new Queue<int>([unitId]);
            while (queue.Count > 0)
            {
                var id = queue.Dequeue();
                if (!result.Add(id)) continue;
                if (ParentOf.TryGetValue(id, out var parent) && parent is { } p) queue.Enqueue(p);
                foreach (var predecessor in PredecessorsOf[id]) queue.Enqueue(predecessor);
            }
            return result;
        }
    }

    /// <summary>
    /// The last snapshot; once it is older than <see cref="FreshFor"/> one reload starts in the
    /// background and requests keep being answered from the old one meanwhile. (With a plain cache
    /// entry every request arriving after expiry reloaded the tree at once: at 10,000 units eight
    /// concurrent reloads cost each of them 150–300 ms on PostgreSQL.)
    /// </summary>
    public Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        lock (gate)
        {
            if (current is null) return StartLoad().WaitAsync(ct);
            if (Stopwatch.GetElapsedTime(loadedAt) > FreshFor) StartLoad();
            return current;
        }
    }

    /// <summary>After an administrator's change: the next request on this node waits for the new tree.</summary>
    public void Invalidate()
    {
        lock (gate)
        {
            current = null;
            loading = null;
            generation++;
        }
    }

    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private Task<Snapshot>? current;
    private long loadedAt;
    private Task<Snapshot>? loading;
    private int generation;

    /// <summary>Called under the lock: joins the reload in flight or starts one.</summary>
    private Task<Snapshot> StartLoad() => loading ??= LoadAndKeepAsync(generation);

    private async Task<Snapshot> LoadAndKeepAsync(int startedIn)
    {
        await Task.Yield(); // leave the caller's lock before touching the database
        try
        {
            var snapshot = await LoadAsync();
            lock (gate)
            {
                // A load that began before an Invalidate may have read the old tree: it serves its own
                // callers but is not kept.
                if (startedIn == generation)
                {
                    current = Task.FromResult(snapshot);
                    loadedAt = Stopwatch.GetTimestamp();
                    loading = null;
                }
            }
            return snapshot;
        }
        catch
        {
            lock (gate) if (startedIn == generation) loading = null;
            throw;
        }
    }

    // Not the caller's cancellation token: the load is shared by every request waiting for it.
    private async Task<Snapshot> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync();
        var links = await db.OrgUnitSuccessions.AsNoTracking().Select(s => new { s.PredecessorId, s.SuccessorId }).ToListAsync();
        return new Snapshot(
            units.ToDictionary(u => u.Id, u => u.ParentId),
            units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id),
            links.ToLookup(l => l.SuccessorId, l => l.PredecessorId));
    }
}
