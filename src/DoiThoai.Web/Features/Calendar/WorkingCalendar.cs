using DoiThoai.Web.Features.Items;
using Microsoft.Extensions.Caching.Memory;

namespace DoiThoai.Web.Features.Calendar;

/// <summary>
/// Working days and deadlines on the Vietnamese calendar as the administrator keeps it
/// (/Admin/Calendar). The calendar exceptions are read once and cached briefly: deadlines are
/// computed on every assignment and in every list that flags "due soon", and the data changes a few
/// times a year. An edit on this node drops the cache at once (<see cref="Invalidate"/>); other app
/// nodes see it when their copy expires, within <see cref="CacheLifetime"/>.
/// </summary>
public sealed class WorkingCalendar(AppDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);
    private const string CacheKey = "calendar:working-days";

    /// <summary>The calendar with every exception in the database, for code that asks many questions at once.</summary>
    public async Task<WorkingDayCalendar> CurrentAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey, out WorkingDayCalendar? cached) && cached is not null) return cached;
        var days = await db.CalendarDays.AsNoTracking()
            .Select(d => new { d.Date, d.Kind })
            .ToListAsync(cancellationToken);
        var calendar = new WorkingDayCalendar(days.Select(d => KeyValuePair.Create(d.Date, d.Kind)));
        cache.Set(CacheKey, calendar, CacheLifetime);
        return calendar;
    }

    /// <summary>Called after an administrator changes the calendar, so this node answers with the change at once.</summary>
    public void Invalidate() => cache.Remove(CacheKey);

    public async Task<bool> IsWorkingDayAsync(DateOnly day) => (await CurrentAsync()).IsWorkingDay(day);

    /// <inheritdoc cref="WorkingDayCalendar.AddWorkingDays"/>
    public async Task<DateOnly> AddWorkingDaysAsync(DateOnly from, int days) => (await CurrentAsync()).AddWorkingDays(from, days);

    /// <inheritdoc cref="WorkingDayCalendar.WorkingDaysBetween"/>
    public async Task<int> WorkingDaysBetweenAsync(DateOnly from, DateOnly to) => (await CurrentAsync()).WorkingDaysBetween(from, to);

    /// <summary>
    /// The rule for a kind of item and a role: the kind's own rule, otherwise the rule for every
    /// kind (ItemKind null); null when neither exists (the deadline is then set by hand).
    /// </summary>
    public async Task<DeadlineRule?> RuleForAsync(ItemKind kind, DeadlineRole role, CancellationToken cancellationToken = default)
    {
        var rules = await db.DeadlineRules.AsNoTracking()
            .Where(r => r.Role == role && (r.ItemKind == kind || r.ItemKind == null))
            .ToListAsync(cancellationToken);
        return rules.FirstOrDefault(r => r.ItemKind == kind) ?? rules.FirstOrDefault(r => r.ItemKind == null);
    }

    /// <summary>
    /// The due date for a unit in <paramref name="role"/> on an item of <paramref name="kind"/>
    /// assigned on <paramref name="from"/>, by the applicable <see cref="DeadlineRule"/> (working
    /// days, or calendar days moved off a day off, see <see cref="WorkingDayCalendar.DueOn"/>);
    /// null when no rule applies.
    /// </summary>
    public async Task<DateOnly?> DueOnAsync(ItemKind kind, DeadlineRole role, DateOnly from, CancellationToken cancellationToken = default)
    {
        var rule = await RuleForAsync(kind, role, cancellationToken);
        if (rule is null) return null;
        return (await CurrentAsync(cancellationToken)).DueOn(rule, from);
    }
}
