namespace DoiThoai.Web.Features.Admin.Units;

/// <summary>One unit as the tree, the lists and the selects show it.</summary>
public sealed record UnitRow(
    int Id, string Name, string? ShortName, string? Code, string KindName, string KindNameEn,
    int? ParentId, DateOnly ValidFrom, DateOnly? ValidTo, int SortOrder)
{
    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day <= ValidTo);
}

/// <summary>
/// The organisation tree built in memory from one projected query. The tree is small (thousands of
/// rows) and every administration page that shows or offers units needs it in tree order.
/// </summary>
public sealed class UnitTree
{
    private readonly Dictionary<int, UnitRow> byId;
    private readonly Dictionary<int, List<UnitRow>> children;

    public IReadOnlyList<UnitRow> Roots { get; }

    private UnitTree(IEnumerable<UnitRow> units)
    {
        byId = units.ToDictionary(u => u.Id);
        children = byId.Values
            .Where(u => u.ParentId is { } p && byId.ContainsKey(p))
            .GroupBy(u => u.ParentId!.Value)
            .ToDictionary(g => g.Key, g => Sorted(g));
        // A unit whose parent is not in the tree (filtered out, or bad data) is shown at the top
        // rather than disappearing.
        Roots = Sorted(byId.Values.Where(u => u.ParentId is not { } p || !byId.ContainsKey(p)));
    }

    public static async Task<UnitTree> LoadAsync(AppDbContext db, CancellationToken ct = default) =>
        new(await db.OrgUnits.AsNoTracking()
            .Select(u => new UnitRow(u.Id, u.Name, u.ShortName, u.Code, u.Kind!.Name, u.Kind.NameEn,
                u.ParentId, u.ValidFrom, u.ValidTo, u.SortOrder))
            .ToListAsync(ct));

    public int Count => byId.Count;

    public UnitRow? Find(int id) => byId.GetValueOrDefault(id);

    public IReadOnlyList<UnitRow> ChildrenOf(int id) => children.TryGetValue(id, out var list) ? list : [];

    /// <summary>
    /// The units that pass <paramref name="keep"/> together with their ancestors, so a unit valid on
    /// a date is still shown under its (perhaps ended) parent instead of losing its place.
    /// </summary>
    public UnitTree Where(Func<UnitRow, bool> keep)
    {
        var kept = new Dictionary<int, UnitRow>();
        foreach (var unit in byId.Values.Where(keep))
        {
            for (var u = unit; u is not null && kept.TryAdd(u.Id, u); u = u.ParentId is { } p ? Find(p) : null) { }
        }
        return new UnitTree(kept.Values);
    }

    /// <summary>Depth-first, in display order, with each unit's depth; safe against a cycle in bad data.</summary>
    public IEnumerable<(UnitRow Unit, int Depth)> Flatten()
    {
        var seen = new HashSet<int>();
        var stack = new Stack<(UnitRow, int)>(Roots.Reverse().Select(r => (r, 0)));
        while (stack.Count > 0)
        {
            var (unit, depth) = stack.Pop();
            if (!seen.Add(unit.Id)) continue;
            yield return (unit, depth);
            foreach (var child in ChildrenOf(unit.Id).Reverse()) stack.Push((child, depth + 1));
        }
    }

    /// <summary>The unit and everything below it: none of them can become its parent.</summary>
    public HashSet<int> Subtree(int id)
    {
        var result = new HashSet<int>();
        var queue = new Queue<int>([id]);
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (!result.Add(next)) continue;
            foreach (var child in ChildrenOf(next)) queue.Enqueue(child.Id);
        }
        return result;
    }

    private static List<UnitRow> Sorted(IEnumerable<UnitRow> units) =>
        units.OrderBy(u => u.SortOrder).ThenBy(u => u.Name, AdminText.Collation).ThenBy(u => u.Id).ToList();
}
