namespace DoiThoai.Web.Features.Reports;

/// <summary>Report a period under the units that carry on today, or under the units as they were then.</summary>
public enum UnitGrouping { Successor, Historical }

/// <summary>
/// The figures of one row of a statistics table. Definitions (ADR 0015): an item counts in the
/// period it was raised in; "answered" means an answer given at the session or approved by the
/// leader and not reopened since; on time / late compare the answer's day with the current deadline.
/// </summary>
public sealed record StatisticsFigures(
    int Received, int AnsweredAtSession, int Assigned, int Answered,
    int Resolved, int Explained, int Scheduled, int CannotResolveNow,
    int AnsweredOnTime, int AnsweredLate, int Overdue,
    [property: System.Text.Json.Serialization.JsonIgnore] long AnswerWorkingDays)
{
    public static readonly StatisticsFigures Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Working days from raising to answering, on average over the answered items (the day raised does not
    /// count; see WorkingDayCalendar.WorkingDaysBetween); null when nothing was answered.
    /// <see cref="AnswerWorkingDays"/> is their sum, which adds up across rows.
    /// </summary>
    public double? AverageWorkingDaysToAnswer => Answered == 0 ? null : Math.Round((double)AnswerWorkingDays / Answered, 1);

    /// <summary>Assigned items whose deadline has come: answered (on time or late) or still open past it.</summary>
    public int Due => AnsweredOnTime + AnsweredLate + Overdue;

    /// <summary>Answered on time out of <see cref="Due"/>, in per cent; null when nothing was due.</summary>
    public double? OnTimePercent => Due == 0 ? null : Math.Round(100.0 * AnsweredOnTime / Due, 1);

    public StatisticsFigures Plus(StatisticsFigures o) => new(
        Received + o.Received, AnsweredAtSession + o.AnsweredAtSession, Assigned + o.Assigned, Answered + o.Answered,
        Resolved + o.Resolved, Explained + o.Explained, Scheduled + o.Scheduled, CannotResolveNow + o.CannotResolveNow,
        AnsweredOnTime + o.AnsweredOnTime, AnsweredLate + o.AnsweredLate, Overdue + o.Overdue, AnswerWorkingDays + o.AnswerWorkingDays);

    public static StatisticsFigures Sum(IEnumerable<StatisticsFigures> rows) => rows.Aggregate(Zero, (a, b) => a.Plus(b));
}

/// <summary>A row of a breakdown: a topic or a unit (null id: not classified / not recorded).</summary>
public sealed record StatisticsRow(int? Id, string Name, StatisticsFigures Figures);

/// <summary>A month of the trend.</summary>
public sealed record StatisticsMonth(int Year, int Month, StatisticsFigures Figures);

public sealed record StatisticsUnit(int Id, string Name);

/// <summary>The whole statistics page: what was asked, the totals and every table.</summary>
public sealed record StatisticsReport(
    StatisticsUnit Unit, bool IncludeSubUnits, UnitGrouping Grouping,
    DateOnly From, DateOnly To, string PeriodLabel, DateTime GeneratedAtUtc,
    StatisticsFigures Totals, double? AverageWorkingDaysToAnswer,
    IReadOnlyList<StatisticsRow> ByTopic, IReadOnlyList<StatisticsRow> ByLeadUnit, IReadOnlyList<StatisticsRow> ByOriginUnit,
    IReadOnlyList<StatisticsMonth> ByMonth);
