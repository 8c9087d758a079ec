using System.Linq.Expressions;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Reports;

/// <summary>What the statistics page, the API and the CLI ask for.</summary>
public sealed record StatisticsQuery(int? UnitId, bool IncludeSubUnits, UnitGrouping Grouping, StatisticsPeriod.Request Period);

/// <summary>
/// The statistics of the items raised at the sessions of a unit over a period (ADR 0015): four
/// grouped aggregate queries over the covering index IX_Items_Statistics, run at the same time —
/// by day raised, by day answered, by topic and lead unit, by originating unit — each returning at
/// most a few thousand rows, folded here into the totals, the tables and the monthly trend.
/// </summary>
public sealed class Statistics(AppDbContext db, UserScope scope, OrgDirectory directory, WorkingCalendar calendar, TimeProvider clock, IServiceScopeFactory scopes)
{
    /// <summary>Vietnam has kept UTC+7 since 1975; the day of a stored UTC time is taken in SQL with this offset.</summary>
    private static readonly double OffsetHours = VietnamTime.Zone.BaseUtcOffset.TotalHours;

    /// <summary>
    /// The report for the signed-in caller. Only the secretariat (office, leaders, administrators)
    /// reads statistics, and only for a unit within its scope: every item counted is then one of
    /// a session the caller runs or oversees, restricted ones included (UserScope.ItemsAsync).
    /// </summary>
    public async Task<StatisticsReport> ComputeAsync(StatisticsQuery query, CancellationToken ct = default)
    {
        if (!scope.IsSecretariat)
            throw new AccessDeniedException("Chỉ văn phòng, lãnh đạo và quản trị viên được xem thống kê.");
        if (query.UnitId is { } unitId && await scope.OverseenUnitsAsync() is { } overseen && !overseen.Contains(unitId))
            throw new AccessDeniedException("Đơn vị nằm ngoài phạm vi quản lý của bạn.");
        return await ComputeUncheckedAsync(query, ct);
    }

    /// <summary>The report without a caller: for the operator's CLI verb, which has the whole database anyway.</summary>
    public async Task<StatisticsReport> ComputeUncheckedAsync(StatisticsQuery query, CancellationToken ct = default)
    {
        if (query.UnitId is not { } unitId) throw new DomainValidationException("unitId", "Cần chọn đơn vị.");
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => new StatisticsUnit(u.Id, u.Name)).SingleOrDefaultAsync(ct)
            ?? throw new DomainValidationException("unitId", "Đơn vị không tồn tại.");
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(nowUtc);
        var period = await StatisticsPeriod.ResolveAsync(query.Period, async id =>
            await db.Terms.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new DomainValidationException("termId", "Nhiệm kỳ không tồn tại."), today);
        var units = ReportUnits.For(await directory.GetAsync(ct), unitId, query.IncludeSubUnits, query.Grouping);

        var (fromUtc, toUtc) = period.UtcBounds();
        var hosts = units.Covered.ToList();
        IQueryable<Item> Items(AppDbContext context) => context.Items.AsNoTracking()
            .Where(i => i.RaisedAtUtc >= fromUtc && i.RaisedAtUtc < toUtc && hosts.Contains(i.Session!.HostUnitId));
        var lateHour = 24 - (int)OffsetHours;

        // The four passes are independent: each runs on a connection of its own, at the same time.
        var byDayTask = OnOwnContextAsync(c => CountAsync(Items(c), i => new { UtcDay = DateOnly.FromDateTime(i.RaisedAtUtc), Late = i.RaisedAtUtc.Hour >= lateHour }, today, ct));
        var answeredByDayTask = OnOwnContextAsync(c => Items(c)
            .Where(i => i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession || i.Status == ItemStatus.Approved
                || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed))
            .GroupBy(i => new { UtcDay = DateOnly.FromDateTime((i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value), Late = (i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value.Hour >= lateHour })
            .Select(g => new { g.Key.UtcDay, g.Key.Late, Count = g.Count() })
            .ToListAsync(ct));
        var byTopicAndLeadTask = OnOwnContextAsync(c => CountAsync(Items(c), i => new { i.TopicId, LeadUnitId = i.CurrentLeadUnitId }, today, ct));
        var byOriginTask = OnOwnContextAsync(c => CountAsync(Items(c), i => i.OnBehalfOfUnitId ?? i.Session!.ParticipantUnitId, today, ct));
        await Task.WhenAll(byDayTask, answeredByDayTask, byTopicAndLeadTask, byOriginTask);

        var byDay = byDayTask.Result.GroupBy(d => LocalDay(d.Key.UtcDay, d.Key.Late)).Select(g => new Keyed<DateOnly>(g.Key, StatisticsFigures.Sum(g.Select(d => d.Figures)))).ToList();
        var answeredByDay = answeredByDayTask.Result.GroupBy(d => LocalDay(d.UtcDay, d.Late)).Select(g => new { Day = g.Key, Count = g.Sum(d => d.Count) }).ToList();
        var byTopic = byTopicAndLeadTask.Result.GroupBy(r => r.Key.TopicId).Select(g => new Keyed<int?>(g.Key, StatisticsFigures.Sum(g.Select(r => r.Figures)))).ToList();
        var byLead = byTopicAndLeadTask.Result.Where(r => r.Key.LeadUnitId != null)
            .GroupBy(r => r.Key.LeadUnitId).Select(g => new Keyed<int?>(g.Key, StatisticsFigures.Sum(g.Select(r => r.Figures)))).ToList();
        var byOrigin = byOriginTask.Result;

        var totals = StatisticsFigures.Sum(byDay.Select(d => d.Figures));
        var working = await calendar.CurrentAsync(ct);
        // Working days from raising to answering, summed as W(answer day) − W(raise day) against a
        // fixed day: the day-grouped counts are enough, no item-level rows are read.
        var anchor = period.From.AddDays(-1);
        double? averageDays = totals.Answered == 0 ? null : Math.Round(
            ((double)answeredByDay.Sum(d => (long)d.Count * working.WorkingDaysBetween(anchor, d.Day))
             - byDay.Sum(d => (long)d.Figures.Answered * working.WorkingDaysBetween(anchor, d.Key))) / totals.Answered, 1);

        var topics = await db.Topics.AsNoTracking().Select(t => new { t.Id, t.Name, t.SortOrder }).ToListAsync(ct);
        var topicRows = byTopic
            .Select(r => (Order: r.Key is { } id ? topics.SingleOrDefault(t => t.Id == id)?.SortOrder ?? int.MaxValue - 1 : int.MaxValue, Row: new StatisticsRow(r.Key,
                r.Key is { } tid ? topics.SingleOrDefault(t => t.Id == tid)?.Name ?? "" : NotClassified, r.Figures)))
            .OrderBy(r => r.Order).ThenBy(r => r.Row.Name, StringComparer.Ordinal).Select(r => r.Row).ToList();

        var unitIds = byLead.Select(r => r.Key).Concat(byOrigin.Select(r => r.Key)).OfType<int>().Select(id => units.ShownAs(id)!.Value).Distinct().ToList();
        var unitNames = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        List<StatisticsRow> UnitRows(List<Keyed<int?>> rows, string nullName) => rows
            .GroupBy(r => units.ShownAs(r.Key))
            .Select(g => new StatisticsRow(g.Key, g.Key is { } id ? unitNames.GetValueOrDefault(id, "") : nullName, StatisticsFigures.Sum(g.Select(r => r.Figures))))
            .OrderBy(r => r.Id is null).ThenByDescending(r => r.Figures.Received).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();

        var months = new List<StatisticsMonth>();
        var byMonth = byDay.ToLookup(d => (d.Key.Year, d.Key.Month), d => d.Figures);
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
            months.Add(new StatisticsMonth(m.Year, m.Month, StatisticsFigures.Sum(byMonth[(m.Year, m.Month)])));

        return new StatisticsReport(unit, query.IncludeSubUnits, query.Grouping, period.From, period.To, period.Label, nowUtc,
            totals, averageDays, topicRows, UnitRows(byLead, NoUnit), UnitRows(byOrigin, NoUnit), months);
    }

    public const string NotClassified = "Chưa phân loại lĩnh vực";
    public const string NoUnit = "Không ghi đơn vị";

    private sealed record Keyed<TKey>(TKey Key, StatisticsFigures Figures);

    /// <summary>
    /// The Vietnam day of a UTC day and whether the time was at or after 17:00 UTC (already the next
    /// day in Vietnam): cheaper in SQL than shifting every time by seven hours, which on SQLite goes
    /// through strftime for each row.
    /// </summary>
    private static DateOnly LocalDay(DateOnly utcDay, bool late) => late ? utcDay.AddDays(1) : utcDay;

    private async Task<T> OnOwnContextAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed class Counts<TKey>
    {
        public TKey Key { get; init; } = default!;
        public int Received { get; init; }
        public int AnsweredAtSession { get; init; }
        public int Assigned { get; init; }
        public int Answered { get; init; }
        public int Resolved { get; init; }
        public int Explained { get; init; }
        public int Scheduled { get; init; }
        public int CannotResolveNow { get; init; }
        public int OnTime { get; init; }
        public int Late { get; init; }
        public int Overdue { get; init; }
    }

    /// <summary>
    /// One GROUP BY with a conditional count per figure. The conditions are spelt out (no Contains
    /// over a list) so both providers get plain comparisons in SQL rather than a JSON/array parameter.
    /// "Answered": an outcome and a state that means the answer stands (given at the session, or
    /// approved, published, closed); a reopened item has the outcome but not the state.
    /// </summary>
    private async Task<List<Keyed<TKey>>> CountAsync<TKey>(IQueryable<Item> items, Expression<Func<Item, TKey>> key, DateOnly today, CancellationToken ct)
    {
        // The answer's Vietnam day against the deadline without shifting times: the UTC day, and from 17:00 UTC the next one.
        var lateHour = 24 - (int)OffsetHours;
        var rows = await items.GroupBy(key).Select(g => new Counts<TKey>
        {
            Key = g.Key,
            Received = g.Count(),
            AnsweredAtSession = g.Count(i => i.CurrentLeadUnitId == null && i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            Assigned = g.Count(i => i.CurrentLeadUnitId != null),
            Answered = g.Count(i => i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            Resolved = g.Count(i => i.Outcome == AnswerOutcome.Resolved && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            Explained = g.Count(i => i.Outcome == AnswerOutcome.Explained && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            Scheduled = g.Count(i => i.Outcome == AnswerOutcome.Scheduled && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            CannotResolveNow = g.Count(i => i.Outcome == AnswerOutcome.CannotResolveNow && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)),
            OnTime = g.Count(i => i.CurrentDueOn != null && i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)
                && (DateOnly.FromDateTime((i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value) < i.CurrentDueOn
                    || (DateOnly.FromDateTime((i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value) == i.CurrentDueOn && (i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value.Hour < lateHour))),
            Late = g.Count(i => i.CurrentDueOn != null && i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession
                || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published || i.Status == ItemStatus.Closed)
                && (DateOnly.FromDateTime((i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value) > i.CurrentDueOn
                    || (DateOnly.FromDateTime((i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value) == i.CurrentDueOn && (i.ApprovedAtUtc ?? i.AnsweredAtUtc)!.Value.Hour >= lateHour))),
            // Still being handled past the deadline: not answered, and not closed, merged, sent elsewhere or returned.
            Overdue = g.Count(i => i.CurrentDueOn != null && i.CurrentDueOn < today
                && !(i.Outcome != null && (i.Status == ItemStatus.AnsweredAtSession || i.Status == ItemStatus.Approved || i.Status == ItemStatus.Published))
                && i.Status != ItemStatus.Closed && i.Status != ItemStatus.Merged && i.Status != ItemStatus.Escalated
                && i.Status != ItemStatus.Redirected && i.Status != ItemStatus.Returned),
        }).ToListAsync(ct);
        return rows.Select(r => new Keyed<TKey>(r.Key, new StatisticsFigures(r.Received, r.AnsweredAtSession, r.Assigned, r.Answered,
            r.Resolved, r.Explained, r.Scheduled, r.CannotResolveNow, r.OnTime, r.Late, r.Overdue))).ToList();
    }
}
