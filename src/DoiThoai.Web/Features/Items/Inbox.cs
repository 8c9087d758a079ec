using System.Linq.Expressions;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;

namespace DoiThoai.Web.Features.Items;

/// <summary>The caller's unit in an item's current assignment.</summary>
public enum InboxRole { Lead, CoOperating }

/// <summary>How the inbox is ordered; nearest deadline first unless asked otherwise.</summary>
public enum InboxSort { Due, DueDesc, Session, SessionDesc, Status }

/// <summary>
/// What the inbox shows. <see cref="Status"/>: empty or "open" for the items the unit still has to
/// act on, "all" for every state, or one state's name.
/// </summary>
public sealed record InboxFilter(string? Status = null, InboxRole? Role = null, bool Overdue = false, InboxSort Sort = InboxSort.Due)
{
    public const string OpenStatuses = "open";
    public const string AllStatuses = "all";
}

/// <summary>One line of the inbox: an item, the caller's role in it and its deadline, with the derived flags.</summary>
public sealed record InboxRow(
    int ItemId, int SessionId, string SessionTitle, DateTime SessionStartsAtUtc, int Number, string Excerpt,
    ItemStatus Status, InboxRole Role, string? UnitName, DateOnly DueOn, bool DueSoon, bool Overdue);

/// <summary>
/// The handler's inbox: items whose CURRENT assignment is led by, or co-operated on by, a unit the
/// caller works within (through the restructuring, as <see cref="UserScope"/> reckons it). "Due
/// soon" and "overdue" are derived from today in Vietnam time, never stored: due soon is within
/// Notifications:DueSoonDays working days (3 by default), overdue is past the deadline while the
/// unit still owes its part (the lead unit's answer, or a co-operating unit's contribution).
/// </summary>
public sealed class Inbox(AppDbContext db, UserScope scope, WorkingCalendar calendar, IConfiguration config, TimeProvider clock)
{
    /// <summary>States in which the lead unit still owes the answer.</summary>
    public static readonly IReadOnlyList<ItemStatus> LeadOwes = [ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested];

    /// <summary>States in which a co-operating unit can still send its part.</summary>
    public static readonly IReadOnlyList<ItemStatus> CoOperatingOwes = [ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested, ItemStatus.AnswerDrafted];

    /// <summary>What "open" shows: the unit still has something to do.</summary>
    public static readonly IReadOnlyList<ItemStatus> Open = [ItemStatus.Assigned, ItemStatus.InProgress, ItemStatus.ExtensionRequested, ItemStatus.AnswerDrafted];

    /// <summary>The projection the query filters and orders on; composed by EF into one SQL statement.</summary>
    internal sealed class Line
    {
        public int ItemId { get; init; }
        public int SessionId { get; init; }
        public string SessionTitle { get; init; } = "";
        public DateTime SessionStartsAtUtc { get; init; }
        public int Number { get; init; }
        public string TextStart { get; init; } = "";
        public bool TextIsLonger { get; init; }
        public ItemStatus Status { get; init; }
        public bool IsLead { get; init; }
        public string? UnitName { get; init; }
        public DateOnly DueOn { get; init; }
        public bool Contributed { get; init; }
    }

    public DateOnly Today => VietnamTime.Today(clock.GetUtcNow().UtcDateTime);

    public int DueSoonDays
    {
        get
        {
            var days = config.GetValue("Notifications:DueSoonDays", 3);
            return days >= 0 ? days : 3;
        }
    }

    /// <summary>One page of the inbox and the number of lines in all.</summary>
    public async Task<(IReadOnlyList<InboxRow> Rows, int Total)> PageAsync(InboxFilter filter, int skip, int take)
    {
        var query = await QueryAsync(filter);
        return (await query.PageAsync(skip, take), await query.CountAsync());
    }

    /// <summary>The filtered inbox, to count and then page (pages clamp the page number to the count first).</summary>
    public async Task<Query> QueryAsync(InboxFilter filter)
    {
        var lines = await LinesAsync();
        var today = Today;
        var soonUntil = await calendar.AddWorkingDaysAsync(today, DueSoonDays);

        var status = filter.Status?.Trim();
        if (string.IsNullOrEmpty(status) || status.Equals(InboxFilter.OpenStatuses, StringComparison.OrdinalIgnoreCase))
            lines = lines.Where(l => Open.Contains(l.Status));
        else if (Enum.TryParse<ItemStatus>(status, ignoreCase: true, out var one) && Enum.IsDefined(one))
            lines = lines.Where(l => l.Status == one);
        else if (!status.Equals(InboxFilter.AllStatuses, StringComparison.OrdinalIgnoreCase))
            throw new DomainValidationException("status", $"Trạng thái \"{status}\" không hợp lệ (open, all hoặc tên một trạng thái).");
        if (filter.Role is { } role)
        {
            var lead = role == InboxRole.Lead;
            lines = lines.Where(l => l.IsLead == lead);
        }
        if (filter.Overdue)
        {
            lines = lines.Where(l => l.DueOn < today && (l.IsLead
                ? LeadOwes.Contains(l.Status)
                : CoOperatingOwes.Contains(l.Status) && !l.Contributed));
        }
        return new Query(lines, filter.Sort, today, soonUntil);
    }

    public sealed class Query
    {
        private readonly IQueryable<Line> lines;
        private readonly InboxSort sort;
        private readonly DateOnly today;
        private readonly DateOnly soonUntil;

        internal Query(IQueryable<Line> lines, InboxSort sort, DateOnly today, DateOnly soonUntil)
        {
            this.lines = lines;
            this.sort = sort;
            this.today = today;
            this.soonUntil = soonUntil;
        }

        public Task<int> CountAsync() => lines.CountAsync();

        public async Task<IReadOnlyList<InboxRow>> PageAsync(int skip, int take)
        {
            var ordered = sort switch
            {
                InboxSort.DueDesc => lines.OrderByDescending(l => l.DueOn).ThenBy(l => l.ItemId),
                InboxSort.Session => lines.OrderBy(l => l.SessionStartsAtUtc).ThenBy(l => l.Number),
                InboxSort.SessionDesc => lines.OrderByDescending(l => l.SessionStartsAtUtc).ThenBy(l => l.Number),
                InboxSort.Status => lines.OrderBy(StatusOrder).ThenBy(l => l.DueOn).ThenBy(l => l.ItemId),
                _ => lines.OrderBy(l => l.DueOn).ThenBy(l => l.ItemId),
            };
            var page = await ordered.Skip(skip).Take(take).ToListAsync();
            return page.Select(l =>
            {
                var owes = l.IsLead ? LeadOwes.Contains(l.Status) : CoOperatingOwes.Contains(l.Status) && !l.Contributed;
                var overdue = owes && l.DueOn < today;
                var dueSoon = owes && !overdue && l.DueOn <= soonUntil;
                return new InboxRow(l.ItemId, l.SessionId, l.SessionTitle, l.SessionStartsAtUtc, l.Number,
                    ItemListRow.ExcerptOf(l.TextStart, l.TextIsLonger), l.Status,
                    l.IsLead ? InboxRole.Lead : InboxRole.CoOperating, l.UnitName, l.DueOn, dueSoon, overdue);
            }).ToList();
        }
    }

    /// <summary>
    /// The visible items with their current assignment (the latest one) in which a unit the caller
    /// works within leads or co-operates. When the caller's units both lead and co-operate, the
    /// line is the lead unit's.
    /// </summary>
    private async Task<IQueryable<Line>> LinesAsync()
    {
        var visible = await scope.ItemsAsync();
        var overseen = await scope.OverseenUnitsAsync();
        var current = db.Assignments.Where(a => !db.Assignments.Any(b => b.ItemId == a.ItemId
            && (b.AssignedAtUtc > a.AssignedAtUtc || (b.AssignedAtUtc == a.AssignedAtUtc && b.Id > a.Id))));
        if (overseen is null)
        {
            return from a in current
                   join i in visible on a.ItemId equals i.Id
                   select new Line
                   {
                       ItemId = i.Id, SessionId = i.SessionId, SessionTitle = i.Session!.Title, SessionStartsAtUtc = i.Session.StartsAtUtc,
                       Number = i.Number,
                       TextStart = i.Text.Length > ItemListRow.ExcerptLength ? i.Text.Substring(0, ItemListRow.ExcerptLength) : i.Text,
                       TextIsLonger = i.Text.Length > ItemListRow.ExcerptLength,
                       Status = i.Status, IsLead = true, UnitName = a.LeadUnit!.Name, DueOn = a.DueOn, Contributed = false,
                   };
        }
        var units = overseen.ToList();
        return from a in current
               join i in visible on a.ItemId equals i.Id
               where units.Contains(a.LeadUnitId) || a.CoUnits.Any(c => units.Contains(c.OrgUnitId))
               let isLead = units.Contains(a.LeadUnitId)
               select new Line
               {
                   ItemId = i.Id, SessionId = i.SessionId, SessionTitle = i.Session!.Title, SessionStartsAtUtc = i.Session.StartsAtUtc,
                   Number = i.Number,
                   TextStart = i.Text.Length > ItemListRow.ExcerptLength ? i.Text.Substring(0, ItemListRow.ExcerptLength) : i.Text,
                   TextIsLonger = i.Text.Length > ItemListRow.ExcerptLength,
                   Status = i.Status,
                   IsLead = isLead,
                   UnitName = isLead
                       ? a.LeadUnit!.Name
                       : a.CoUnits.Where(c => units.Contains(c.OrgUnitId)).Select(c => c.OrgUnit!.Name).FirstOrDefault(),
                   DueOn = isLead
                       ? a.DueOn
                       : a.CoUnits.Where(c => units.Contains(c.OrgUnitId)).Select(c => c.DueOn).FirstOrDefault() ?? a.DueOn,
                   Contributed = !isLead && i.Contributions.Any(c => units.Contains(c.OrgUnitId)),
               };
    }

    /// <summary>States in the order an item moves through them, not alphabetically by their stored names.</summary>
    private static readonly Expression<Func<Line, int>> StatusOrder = BuildStatusOrder();

    private static Expression<Func<Line, int>> BuildStatusOrder()
    {
        var line = Expression.Parameter(typeof(Line), "l");
        var status = Expression.Property(line, nameof(Line.Status));
        Expression body = Expression.Constant(int.MaxValue);
        var states = Enum.GetValues<ItemStatus>();
        for (var i = states.Length - 1; i >= 0; i--)
            body = Expression.Condition(Expression.Equal(status, Expression.Constant(states[i])), Expression.Constant(i), body);
        return Expression.Lambda<Func<Line, int>>(body, line);
    }
}
