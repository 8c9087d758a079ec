namespace DoiThoai.Web.Features.FollowUp;

/// <summary>
/// A task as lists show it: a projection with the start of the title only. <see cref="Progress"/>
/// is the computed one (a parent's comes from its sub-tasks) and is filled in after the query by
/// <see cref="TaskProgress"/>.
/// </summary>
public sealed record TaskRow(
    int Id,
    int SessionId,
    string SessionTitle,
    DateTime SessionStartsAtUtc,
    int? ParentId,
    int? ConclusionOrder,
    string TitleStart,
    bool TitleIsLonger,
    int UnitId,
    string UnitName,
    DateOnly DueOn,
    FollowUpStatus Status,
    int OwnProgress)
{
    /// <summary>Characters read from the database; the list shows them cut at a word.</summary>
    public const int ExcerptLength = 200;

    public int Progress { get; init; }

    /// <summary>0 for a task, 1 for its sub-tasks and so on (the session page indents by it).</summary>
    public int Depth { get; init; }

    /// <summary>The caller filters, orders and pages the tasks; the projection keeps that order.</summary>
    public static IQueryable<TaskRow> Query(IQueryable<FollowUpTask> orderedTasks) =>
        orderedTasks.Select(t => new TaskRow(
            t.Id,
            t.SessionId,
            t.Session!.Title,
            t.Session.StartsAtUtc,
            t.ParentId,
            t.Conclusion != null ? t.Conclusion.Order : null,
            t.Title.Length > ExcerptLength ? t.Title.Substring(0, ExcerptLength) : t.Title,
            t.Title.Length > ExcerptLength,
            t.OrgUnitId,
            t.OrgUnit!.Name,
            t.DueOn,
            t.Status,
            t.Progress));

    /// <summary>Rows with their computed progress, read for every task of the sessions they belong to.</summary>
    public static async Task<List<TaskRow>> ListAsync(AppDbContext db, IQueryable<FollowUpTask> orderedTasks)
    {
        var rows = await Query(orderedTasks).ToListAsync();
        var progress = await TaskProgress.OfSessionsAsync(db, rows.Select(r => r.SessionId));
        return rows.Select(r => r with { Progress = progress.GetValueOrDefault(r.Id, r.OwnProgress) }).ToList();
    }

    public bool IsOverdue(DateOnly today) => TaskRules.IsOverdue(Status, DueOn, today);

    public bool IsDueSoon(DateOnly today) => TaskRules.IsDueSoon(Status, DueOn, today);

    /// <summary>The start of the title, cut after the last whole word, with an ellipsis when there is more.</summary>
    public string Excerpt
    {
        get
        {
            if (!TitleIsLonger) return TitleStart;
            var lastSpace = TitleStart.LastIndexOf(' ');
            return (lastSpace > ExcerptLength / 2 ? TitleStart[..lastSpace] : TitleStart).TrimEnd(' ', ',', ';', ':') + "…";
        }
    }
}

/// <summary>
/// Computed progress for lists, through the entity's own rule (<see cref="FollowUpTask.ComputedProgress"/>)
/// on light copies of every task of the sessions concerned: a parent needs all its descendants.
/// </summary>
public static class TaskProgress
{
    public static async Task<IReadOnlyDictionary<int, int>> OfSessionsAsync(AppDbContext db, IEnumerable<int> sessionIds)
    {
        var ids = sessionIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<int, int>();
        var rows = await db.Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.SessionId))
            .Select(t => new { t.Id, t.ParentId, t.Progress, t.Status })
            .ToListAsync();
        var copies = rows.ToDictionary(r => r.Id, r => new FollowUpTask { Id = r.Id, ParentId = r.ParentId, Progress = r.Progress, Status = r.Status });
        foreach (var copy in copies.Values)
        {
            if (copy.ParentId is { } parentId && copies.TryGetValue(parentId, out var parent))
            {
                copy.Parent = parent;
                parent.Children.Add(copy);
            }
        }
        return copies.ToDictionary(c => c.Key, c => c.Value.ComputedProgress());
    }

    /// <summary>Rows in tree order (each task followed by its sub-tasks), with their depth.</summary>
    public static List<TaskRow> InTreeOrder(IReadOnlyList<TaskRow> rows)
    {
        var ids = rows.Select(r => r.Id).ToHashSet();
        // A sub-task whose parent is not in the list (not visible to the reader) starts a tree of its own.
        var children = rows.ToLookup(r => r.ParentId is { } p && ids.Contains(p) ? p : (int?)null);
        var result = new List<TaskRow>(rows.Count);

        void Add(int? parentId, int depth)
        {
            foreach (var row in children[parentId])
            {
                result.Add(row with { Depth = depth });
                Add(row.Id, depth + 1);
            }
        }

        Add(null, 0);
        return result;
    }
}
