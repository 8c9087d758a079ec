using BenchmarkDotNet.Attributes;
using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Bench;

/// <summary>
/// Every signed-in request works out the units the caller oversees (subtree plus predecessors).
/// Measured on a province-sized tree: 1 province, 30 commissions, 100 communes × 100 branches
/// (10,131 units), where the old province and half the communes were merged into successors.
/// </summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    private OrgDirectory.Snapshot snapshot = null!;
    private int newProvince;
    private int branch;

    [GlobalSetup]
    public void Setup()
    {
        var parentOf = new Dictionary<int, int?>();
        var successions = new List<(int Predecessor, int Successor)>();
        var next = 1;
        int Add(int? parent) { var id = next++; parentOf[id] = parent; return id; }

        var oldProvince = Add(null);
        newProvince = Add(null);
        successions.Add((oldProvince, newProvince));
        for (var i = 0; i < 30; i++) Add(oldProvince);
        var previousCommune = 0;
        for (var c = 0; c < 100; c++)
        {
            var commune = Add(c % 2 == 0 ? oldProvince : newProvince);
            for (var b = 0; b < 100; b++) branch = Add(commune);
            if (c % 2 == 1) successions.Add((previousCommune, commune));
            previousCommune = commune;
        }
        snapshot = new OrgDirectory.Snapshot(
            parentOf,
            parentOf.Where(p => p.Value is not null).ToLookup(p => p.Value!.Value, p => p.Key),
            successions.ToLookup(s => s.Successor, s => s.Predecessor));
    }

    [Benchmark(Description = "Overseen(province) over 10k units")]
    public int OverseenByProvince() => snapshot.Overseen(newProvince).Count;

    [Benchmark(Description = "BelongsTo(branch)")]
    public int BelongsToFromBranch() => snapshot.BelongsTo(branch).Count;
}
