using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Reports;

/// <summary>What the statistics page, the API and the CLI ask for.</summary>
public sealed record StatisticsQuery(int? UnitId, bool IncludeSubUnits, UnitGrouping Grouping, StatisticsPeriod.Request Period);

/// <summary>
/// The statistics of the items raised at the sessions of a unit over a period (ADR 0015): one pass
/// over a narrow row per item (the covering index IX_Items_Statistics), counted in memory by day
/// raised, day answered, topic, lead unit and originating unit, then folded into the totals, the
/// tables and the monthly trend.
/// </summary>
public sealed class Statistics(AppDbContext db, UserScope scope, OrgDirectory directory, WorkingCalendar calendar, TimeProvider clock)
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
        // One JSON parameter, not one parameter per unit: with ten thousand units in the IN list SQLite
        // scanned the whole index instead of reaching the items through the sessions of those units.
        var hosts = units.Covered.ToList();
        IQueryable<Item> Items(AppDbContext context) => context.Items.AsNoTracking()
            .Where(i => i.RaisedAtUtc >= fromUtc && i.RaisedAtUtc < toUtc && EF.Parameter(hosts).Contains(i.Session!.HostUnitId));
        var lateHour = 24 - (int)OffsetHours;

        // One pass over the period's items, folded here: a narrow row per item read in index order.
        // (Four grouped queries with a conditional count per figure cost SQLite 4.5 s of CPU at a
        // million items, since it sorts every GROUP BY and evaluates eleven CASEs per row and query;
        // reading the rows once and counting in memory is a single scan on both providers.)
        var stands = new[] { ItemStatus.AnsweredAtSession, ItemStatus.Approved, ItemStatus.Published, ItemStatus.Closed };
        var days = new Dictionary<DateOnly, FiguresCounter>();
        var answeredDays = new Dictionary<DateOnly, int>();
        var topicCounts = new Dictionary<int, FiguresCounter>();
        var leadCounts = new Dictionary<int, FiguresCounter>();
        var originCounts = new Dictionary<int, FiguresCounter>();
        FiguresCounter noTopic = new(), noOrigin = new();
        await foreach (var row in Items(db)
            .Select(i => new StatisticsSource(i.RaisedAtUtc, i.TopicId, i.CurrentLeadUnitId, i.OnBehalfOfUnitId ?? i.Session!.ParticipantUnitId,
                i.Status, i.Outcome, i.ApprovedAtUtc ?? i.AnsweredAtUtc, i.CurrentDueOn))
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            var figures = row.Figures(today, lateHour, stands);
            Counter(days, LocalDay(DateOnly.FromDateTime(row.RaisedAtUtc), row.RaisedAtUtc.Hour >= lateHour)).Add(figures);
            (row.TopicId is { } topicId ? Counter(topicCounts, topicId) : noTopic).Add(figures);
            if (row.LeadUnitId is { } leadId) Counter(leadCounts, leadId).Add(figures);
            (row.OriginUnitId is { } originId ? Counter(originCounts, originId) : noOrigin).Add(figures);
            if (figures.Answered == 1 && row.AnsweredAtUtc is { } answeredAt)
            {
                var day = LocalDay(DateOnly.FromDateTime(answeredAt), answeredAt.Hour >= lateHour);
                answeredDays[day] = answeredDays.GetValueOrDefault(day) + 1;
            }
        }

        var byDay = days.Select(d => new Keyed<DateOnly>(d.Key, d.Value.Figures)).ToList();
        var answeredByDay = answeredDays.Select(d => new { Day = d.Key, Count = d.Value }).ToList();
        static List<Keyed<int?>> Keyed(Dictionary<int, FiguresCounter> counts, FiguresCounter? none) =>
            [.. counts.Select(c => new Keyed<int?>(c.Key, c.Value.Figures)), .. none is { Received: > 0 } ? [new Keyed<int?>(null, none.Figures)] : Array.Empty<Keyed<int?>>()];
        var byTopic = Keyed(topicCounts, noTopic);
        var byLead = Keyed(leadCounts, null);
        var byOrigin = Keyed(originCounts, noOrigin);

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

    private static FiguresCounter Counter<TKey>(Dictionary<TKey, FiguresCounter> counts, TKey key) where TKey : notnull
    {
        if (!counts.TryGetValue(key, out var counter)) counts[key] = counter = new FiguresCounter();
        return counter;
    }
}

/// <summary>What the statistics read of one item.</summary>
internal sealed record StatisticsSource(DateTime RaisedAtUtc, int? TopicId, int? LeadUnitId, int? OriginUnitId,
    ItemStatus Status, AnswerOutcome? Outcome, DateTime? AnsweredAtUtc, DateOnly? DueOn)
{
    /// <summary>
    /// The item's contribution to each figure (ADR 0015). "Answered": an outcome and a state that means
    /// the answer stands (given at the session, or approved, published, closed); a reopened item has the
    /// outcome but not the state. On time: answered on or before the deadline, in Vietnam days.
    /// </summary>
    public StatisticsFigures Figures(DateOnly today, int lateHour, ItemStatus[] standing)
    {
        var stands = Outcome is not null && Array.IndexOf(standing, Status) >= 0;
        DateOnly? answerDay = AnsweredAtUtc is { } at
            ? (at.Hour >= lateHour ? DateOnly.FromDateTime(at).AddDays(1) : DateOnly.FromDateTime(at)) : null;
        var due = stands && DueOn is not null && answerDay is not null;
        // Still being handled past the deadline: not answered, and not closed, merged, sent elsewhere or returned.
        var overdue = DueOn is { } dueOn && dueOn < today
            && !(Outcome is not null && Status is ItemStatus.AnsweredAtSession or ItemStatus.Approved or ItemStatus.Published)
            && Status is not (ItemStatus.Closed or ItemStatus.Merged or ItemStatus.Escalated or ItemStatus.Redirected or ItemStatus.Returned);
        return new StatisticsFigures(
            Received: 1,
            AnsweredAtSession: One(LeadUnitId is null && stands),
            Assigned: One(LeadUnitId is not null),
            Answered: One(stands),
            Resolved: One(stands && Outcome == AnswerOutcome.Resolved),
            Explained: One(stands && Outcome == AnswerOutcome.Explained),
            Scheduled: One(stands && Outcome == AnswerOutcome.Scheduled),
            CannotResolveNow: One(stands && Outcome == AnswerOutcome.CannotResolveNow),
            AnsweredOnTime: One(due && answerDay <= DueOn),
            AnsweredLate: One(due && answerDay > DueOn),
            Overdue: One(overdue));
    }

    private static int One(bool yes) => yes ? 1 : 0;
}

/// <summary>Running totals of the figures of one day, topic or unit.</summary>
internal sealed class FiguresCounter
{
    private readonly int[] counts = new int[11];

    public int Received => counts[0];

    public void Add(StatisticsFigures f)
    {
        counts[0] += f.Received; counts[1] += f.AnsweredAtSession; counts[2] += f.Assigned; counts[3] += f.Answered;
        counts[4] += f.Resolved; counts[5] += f.Explained; counts[6] += f.Scheduled; counts[7] += f.CannotResolveNow;
        counts[8] += f.AnsweredOnTime; counts[9] += f.AnsweredLate; counts[10] += f.Overdue;
    }

    public StatisticsFigures Figures => new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8], counts[9], counts[10]);
}
