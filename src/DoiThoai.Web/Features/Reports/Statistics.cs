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
        // One JSON parameter, not one parameter per unit: with ten thousand units in the IN list SQLite
        // scanned the whole index instead of reaching the items through the sessions of those units.
        var hosts = units.Covered.ToList();
        IQueryable<Item> Items(AppDbContext context, DateTime from, DateTime to) => context.Items.AsNoTracking()
            .Where(i => i.RaisedAtUtc >= from && i.RaisedAtUtc < to && EF.Parameter(hosts).Contains(i.Session!.HostUnitId));
        var lateHour = 24 - (int)OffsetHours;

        // One pass over the period's items, counted in memory: a narrow row per item read in index order.
        // (Four grouped queries with a conditional count per figure cost SQLite 4.5 s of CPU at a
        // million items, since it sorts every GROUP BY and evaluates eleven CASEs per row and query;
        // reading the rows once and counting in memory is a single scan on both providers.) On SQLite a
        // long period is read as two halves on two connections at once, each counted on its own and
        // then added up: SQLite runs inside this process, so one reader keeps one core busy with both
        // the SQL and the counting (ten years of a province, a million rows: 1.2 s → 0.75 s). With
        // PostgreSQL the server's process already works beside the reader, and two halves measured
        // slower (660 → 790 ms on two cores).
        IQueryable<StatisticsColumns> Rows(AppDbContext context, DateTime from, DateTime to) => Items(context, from, to).Select(i => new StatisticsColumns(
            i.RaisedAtUtc, i.TopicId, i.CurrentLeadUnitId, i.OnBehalfOfUnitId ?? i.Session!.ParticipantUnitId,
            i.Status, i.Outcome, i.ApprovedAtUtc ?? i.AnsweredAtUtc, i.CurrentDueOn));
        // Working days from raising to answering, as W(answer day) − W(raise day) with W counted from a
        // fixed day: one table of W over the days an item can be raised or answered on.
        var working = await calendar.CurrentAsync(ct);
        var numbers = new WorkingDayNumbers(working, period.From.AddDays(-1), (today > period.To ? today : period.To).AddDays(1));
        var tally = new StatisticsTally(today, numbers);
        if (toUtc - fromUtc > TimeSpan.FromDays(2 * 366) && db.Database.IsSqlite())
        {
            var middle = fromUtc + (toUtc - fromUtc) / 2;
            var secondHalf = new StatisticsTally(today, numbers);
            await using var other = scopes.CreateAsyncScope();
            var otherDb = other.ServiceProvider.GetRequiredService<AppDbContext>();
            await Task.WhenAll(
                Task.Run(() => StatisticsRows.ReadAsync(db, Rows(db, fromUtc, middle), lateHour, tally, ct), ct),
                Task.Run(() => StatisticsRows.ReadAsync(otherDb, Rows(otherDb, middle, toUtc), lateHour, secondHalf, ct), ct));
            tally.Add(secondHalf);
        }
        else await StatisticsRows.ReadAsync(db, Rows(db, fromUtc, toUtc), lateHour, tally, ct);

        var byDay = tally.Days.Select(d => new Keyed<DateOnly>(d.Key, d.Value.Figures)).ToList();
        static List<Keyed<int?>> Keyed(Dictionary<int, FiguresCounter> counts, FiguresCounter? none) =>
            [.. counts.Select(c => new Keyed<int?>(c.Key, c.Value.Figures)), .. none is { Received: > 0 } ? [new Keyed<int?>(null, none.Figures)] : Array.Empty<Keyed<int?>>()];
        var byTopic = Keyed(tally.Topics, tally.NoTopic);
        var byLead = Keyed(tally.Leads, null);
        var byOrigin = Keyed(tally.Origins, tally.NoOrigin);

        var totals = StatisticsFigures.Sum(byDay.Select(d => d.Figures));

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
            totals, totals.AverageWorkingDaysToAnswer, topicRows, UnitRows(byLead, NoUnit), UnitRows(byOrigin, NoUnit), months);
    }

    public const string NotClassified = "Chưa phân loại lĩnh vực";
    public const string NoUnit = "Không ghi đơn vị";

    private sealed record Keyed<TKey>(TKey Key, StatisticsFigures Figures);

}

/// <summary>What the statistics read of one item, its times already turned into Vietnam days.</summary>
internal readonly record struct StatisticsSource(DateOnly RaisedDay, int? TopicId, int? LeadUnitId, int? OriginUnitId,
    ItemStatus Status, AnswerOutcome? Outcome, DateOnly? AnsweredDay, DateOnly? DueOn)
{
    /// <summary>
    /// The item's contribution to each figure (ADR 0015), one bit per figure. "Answered": an outcome and a
    /// state that means the answer stands (given at the session, or approved, published, closed); a
    /// reopened item has the outcome but not the state. On time: answered on or before the deadline,
    /// in Vietnam days.
    /// </summary>
    public FigureBits Figures(DateOnly today)
    {
        var stands = Outcome is not null && Status is ItemStatus.AnsweredAtSession or ItemStatus.Approved or ItemStatus.Published or ItemStatus.Closed;
        var due = stands && DueOn is not null && AnsweredDay is not null;
        // Still being handled past the deadline: not answered, and not closed, merged, sent elsewhere or returned.
        var overdue = DueOn is { } dueOn && dueOn < today
            && !(Outcome is not null && Status is ItemStatus.AnsweredAtSession or ItemStatus.Approved or ItemStatus.Published)
            && Status is not (ItemStatus.Closed or ItemStatus.Merged or ItemStatus.Escalated or ItemStatus.Redirected or ItemStatus.Returned);
        var bits = FigureBits.Received;
        if (LeadUnitId is null && stands) bits |= FigureBits.AnsweredAtSession;
        if (LeadUnitId is not null) bits |= FigureBits.Assigned;
        if (stands)
        {
            bits |= FigureBits.Answered | Outcome switch
            {
                AnswerOutcome.Resolved => FigureBits.Resolved,
                AnswerOutcome.Explained => FigureBits.Explained,
                AnswerOutcome.Scheduled => FigureBits.Scheduled,
                AnswerOutcome.CannotResolveNow => FigureBits.CannotResolveNow,
                _ => FigureBits.None,
            };
        }
        if (due) bits |= AnsweredDay <= DueOn ? FigureBits.AnsweredOnTime : FigureBits.AnsweredLate;
        if (overdue) bits |= FigureBits.Overdue;
        return bits;
    }
}

/// <summary>The figures one item counts in, in the order of <see cref="StatisticsFigures"/>.</summary>
[Flags]
internal enum FigureBits
{
    None = 0,
    Received = 1 << 0, AnsweredAtSession = 1 << 1, Assigned = 1 << 2, Answered = 1 << 3,
    Resolved = 1 << 4, Explained = 1 << 5, Scheduled = 1 << 6, CannotResolveNow = 1 << 7,
    AnsweredOnTime = 1 << 8, AnsweredLate = 1 << 9, Overdue = 1 << 10,
}

/// <summary>The statistics query's columns, in the order <see cref="StatisticsRows"/> reads them.</summary>
internal sealed record StatisticsColumns(DateTime RaisedAtUtc, int? TopicId, int? CurrentLeadUnitId, int? OriginUnitId,
    ItemStatus Status, AnswerOutcome? Outcome, DateTime? AnsweredAtUtc, DateOnly? CurrentDueOn);

/// <summary>The counts of one pass: per Vietnam day raised, topic, lead unit and originating unit, and the answers per day answered.</summary>
internal sealed class StatisticsTally(DateOnly today, WorkingDayNumbers working)
{
    public Dictionary<DateOnly, FiguresCounter> Days { get; } = [];
    public Dictionary<int, FiguresCounter> Topics { get; } = [];
    public Dictionary<int, FiguresCounter> Leads { get; } = [];
    public Dictionary<int, FiguresCounter> Origins { get; } = [];
    public FiguresCounter NoTopic { get; } = new();
    public FiguresCounter NoOrigin { get; } = new();

    public void Add(in StatisticsSource row)
    {
        var figures = row.Figures(today);
        var days = (figures & FigureBits.Answered) != 0 && row.AnsweredDay is { } answeredDay
            ? working.Of(answeredDay) - working.Of(row.RaisedDay) : 0;
        Counter(Days, row.RaisedDay).Add(figures, days);
        (row.TopicId is { } topicId ? Counter(Topics, topicId) : NoTopic).Add(figures, days);
        if (row.LeadUnitId is { } leadId) Counter(Leads, leadId).Add(figures, days);
        (row.OriginUnitId is { } originId ? Counter(Origins, originId) : NoOrigin).Add(figures, days);
    }

    /// <summary>Adds the counts of another part of the same period.</summary>
    public void Add(StatisticsTally other)
    {
        foreach (var (day, counter) in other.Days) Counter(Days, day).Add(counter);
        foreach (var (id, counter) in other.Topics) Counter(Topics, id).Add(counter);
        foreach (var (id, counter) in other.Leads) Counter(Leads, id).Add(counter);
        foreach (var (id, counter) in other.Origins) Counter(Origins, id).Add(counter);
        NoTopic.Add(other.NoTopic);
        NoOrigin.Add(other.NoOrigin);
    }

    private static FiguresCounter Counter<TKey>(Dictionary<TKey, FiguresCounter> counts, TKey key) where TKey : notnull
    {
        if (!counts.TryGetValue(key, out var counter)) counts[key] = counter = new FiguresCounter();
        return counter;
    }
}

/// <summary>
/// The number of working days from a fixed day to each day of a span, counted once: W(b) − W(a) is then
/// the working days from a to b (<see cref="WorkingDayCalendar.WorkingDaysBetween"/>) for a million items
/// at the cost of two array reads. Days outside the span (data older than the period) ask the calendar.
/// </summary>
internal sealed class WorkingDayNumbers
{
    private readonly WorkingDayCalendar calendar;
    private readonly DateOnly anchor;
    private readonly int[] numbers;

    public WorkingDayNumbers(WorkingDayCalendar calendar, DateOnly anchor, DateOnly end)
    {
        this.calendar = calendar;
        this.anchor = anchor;
        numbers = new int[Math.Max(1, end.DayNumber - anchor.DayNumber + 1)];
        for (var i = 1; i < numbers.Length; i++)
            numbers[i] = numbers[i - 1] + (calendar.IsWorkingDay(anchor.AddDays(i)) ? 1 : 0);
    }

    public int Of(DateOnly day)
    {
        var i = day.DayNumber - anchor.DayNumber;
        return (uint)i < (uint)numbers.Length ? numbers[i] : calendar.WorkingDaysBetween(anchor, day);
    }
}

/// <summary>Running totals of the figures of one day, topic or unit.</summary>
internal sealed class FiguresCounter
{
    private readonly int[] counts = new int[11];
    private long workingDays;

    public int Received => counts[0];

    /// <summary>Adds one item's figures and, when it is answered, the working days it took.</summary>
    public void Add(FigureBits bits, int answerWorkingDays)
    {
        for (int i = 0, b = (int)bits; b != 0; i++, b >>= 1) counts[i] += b & 1;
        workingDays += answerWorkingDays;
    }

    public void Add(FiguresCounter other)
    {
        for (var i = 0; i < counts.Length; i++) counts[i] += other.counts[i];
        workingDays += other.workingDays;
    }

    public StatisticsFigures Figures => new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6], counts[7], counts[8], counts[9], counts[10], workingDays);
}
