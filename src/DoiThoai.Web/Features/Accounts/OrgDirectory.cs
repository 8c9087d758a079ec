using Microsoft.Extensions.Caching.Memory;

namespace DoiThoai.Web.Features.Accounts;

/// <summary>
/// The shape of the organisation tree (parents and successor links) kept in memory, because every
/// request needs it to work out what the caller may see. It is small (thousands of rows) and
/// reloaded after a short time or at once when an administrator changes the tree.
/// </summary>
public sealed class OrgDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    private const string CacheKey = "org-directory";

    public sealed record Snapshot(
        IReadOnlyDictionary<int, int?> ParentOf,
        ILookup<int, int> ChildrenOf,
        ILookup<int, int> PredecessorsOf)
    {
        /// <summary>
        /// The unit, everything below it, and everything below the units it succeeded: a province
        /// formed by a merger sees the records of the provinces merged into it.
        /// </summary>
        public HashSet<int> Overseen(int unitId)
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

        /// <summary>The unit, its predecessors, and all their ancestors: the organisations a member belongs to.</summary>
        public HashSet<int> BelongsTo(int unitId)
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

    public async Task<Snapshot> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out Snapshot? snapshot) && snapshot is not null) return snapshot;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.ParentId }).ToListAsync(ct);
        var links = await db.OrgUnitSuccessions.AsNoTracking().Select(s => new { s.PredecessorId, s.SuccessorId }).ToListAsync(ct);
        snapshot = new Snapshot(
            units.ToDictionary(u => u.Id, u => u.ParentId),
            units.Where(u => u.ParentId is not null).ToLookup(u => u.ParentId!.Value, u => u.Id),
            links.ToLookup(l => l.SuccessorId, l => l.PredecessorId));
        cache.Set(CacheKey, snapshot, TimeSpan.FromSeconds(30));
        return snapshot;
    }

    public void Invalidate() => cache.Remove(CacheKey);
}
