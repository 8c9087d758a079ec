using DoiThoai.Web.Features.Accounts;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Which units a report covers and under which unit each row is shown, for the two ways of
/// reporting across a restructuring (ADR 0015). Historical: the tree as it was recorded (parents of
/// ended units stay as they were). Successor: a unit also covers the units it succeeded, and every
/// unit in a breakdown is shown under the unit that carries on its work today.
/// </summary>
public sealed class ReportUnits
{
    private readonly Dictionary<int, int> successorOf = [];

    private ReportUnits(IReadOnlySet<int> covered, UnitGrouping grouping)
    {
        Covered = covered;
        Grouping = grouping;
    }

    /// <summary>The units whose sessions' items are counted.</summary>
    public IReadOnlySet<int> Covered { get; }
    public UnitGrouping Grouping { get; }

    public static ReportUnits For(OrgDirectory.Snapshot tree, int unitId, bool includeSubUnits, UnitGrouping grouping)
    {
        var covered = new HashSet<int>();
        var queue = new Queue<int>([unitId]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (!covered.Add(id)) continue;
            if (includeSubUnits)
                foreach (var child in tree.ChildrenOf[id]) queue.Enqueue(child);
            if (grouping == UnitGrouping.Successor)
                foreach (var predecessor in tree.PredecessorsOf[id]) queue.Enqueue(predecessor);
        }
        var units = new ReportUnits(covered, grouping);
        if (grouping == UnitGrouping.Successor)
        {
            // A unit split in several has more than one successor: the lowest id (the first created) carries on its count.
            foreach (var link in tree.PredecessorsOf)
                foreach (var predecessor in link)
                    if (!units.successorOf.TryGetValue(predecessor, out var known) || link.Key < known)
                        units.successorOf[predecessor] = link.Key;
        }
        return units;
    }

    /// <summary>The unit a row of the breakdowns is shown under: itself (historical), or the end of its successor chain.</summary>
    public int? ShownAs(int? unitId)
    {
        if (unitId is not { } id || Grouping == UnitGrouping.Historical) return unitId;
        // The chain is short (one link per restructuring); the bound only guards against a cycle entered by hand.
        for (var step = 0; step < 32 && successorOf.TryGetValue(id, out var next); step++) id = next;
        return id;
    }
}
