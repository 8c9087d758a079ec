namespace DoiThoai.Web.Features.Calendar;

/// <summary>
/// The arithmetic of the Vietnamese working week, over a fixed set of exceptions (holidays, days
/// off, make-up working days). Pure and immutable: <see cref="WorkingCalendar"/> builds one from the
/// database and caches it; tests build one from a list.
/// </summary>
/// <remarks>
/// Counting convention, the one used when a document says "trong thời hạn N ngày làm việc kể từ
/// ngày …": the day the period starts from does not count, day 1 is the first working day after it.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>An ordinary week with no exceptions at all.</summary>
    public static readonly WorkingDayCalendar Ordinary = new(Array.Empty<KeyValuePair<DateOnly, CalendarDayKind>>());

    private readonly Dictionary<DateOnly, CalendarDayKind> exceptions;
    // The exceptions that change the count of an ordinary week (a weekday off, a weekend day worked),
    // sorted, so that counting over a long span does not walk it day by day.
    private readonly DateOnly[] turnedOff;
    private readonly DateOnly[] turnedOn;

    public WorkingDayCalendar(IEnumerable<KeyValuePair<DateOnly, CalendarDayKind>> exceptions)
    {
        this.exceptions = new Dictionary<DateOnly, CalendarDayKind>();
        foreach (var (day, kind) in exceptions) this.exceptions[day] = kind;
        turnedOff = this.exceptions.Where(e => IsWeekday(e.Key) && e.Value != CalendarDayKind.WorkingDay).Select(e => e.Key).Order().ToArray();
        turnedOn = this.exceptions.Where(e => !IsWeekday(e.Key) && e.Value == CalendarDayKind.WorkingDay).Select(e => e.Key).Order().ToArray();
    }

    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
        : this(days.Select(d => KeyValuePair.Create(d.Date, d.Kind)))
    {
    }

    public int ExceptionCount => exceptions.Count;

    /// <summary>The exception recorded for a day, if any.</summary>
    public CalendarDayKind? ExceptionOn(DateOnly day) => exceptions.TryGetValue(day, out var kind) ? kind : null;

    /// <summary>Monday to Friday unless a holiday or day off; Saturday and Sunday only when worked as a make-up day.</summary>
    public bool IsWorkingDay(DateOnly day) => exceptions.TryGetValue(day, out var kind)
        ? kind == CalendarDayKind.WorkingDay
        : IsWeekday(day);

    /// <summary>
    /// The day that ends a period of <paramref name="days"/> working days starting from
    /// <paramref name="from"/>: day 1 is the first working day after <paramref name="from"/>.
    /// Zero gives <paramref name="from"/> itself; a negative count goes back (-1 is the last working
    /// day before <paramref name="from"/>), which is how "due in N working days" reminders are found.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var step = days < 0 ? -1 : 1;
        var day = from;
        for (var left = Math.Abs(days); left > 0;)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day)) left--;
        }
        return day;
    }

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including
    /// <paramref name="to"/>; negative when <paramref name="to"/> is earlier (then the working days
    /// from <paramref name="to"/> up to, not including, <paramref name="from"/>). It is the inverse
    /// of <see cref="AddWorkingDays"/>: WorkingDaysBetween(d, AddWorkingDays(d, n)) == n.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to == from) return 0;
        if (to < from) return -CountWorkingDays(to, from.AddDays(-1));
        return CountWorkingDays(from.AddDays(1), to);
    }

    /// <summary>The day itself when it is a working day, otherwise the next working day.</summary>
    public DateOnly NextWorkingDayFrom(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>
    /// The due date a rule gives for a period starting on <paramref name="from"/>. A period in
    /// calendar days that ends on a day off ends instead on the next working day (Bộ luật Dân sự
    /// 2015, art. 148(5)), so a deadline never falls on a holiday or a weekend.
    /// </summary>
    public DateOnly DueOn(DeadlineRule rule, DateOnly from) => rule.WorkingDays
        ? AddWorkingDays(from, rule.Days)
        : NextWorkingDayFrom(from.AddDays(rule.Days));

    /// <summary>Working days in [first, last], both included (first ≤ last).</summary>
    private int CountWorkingDays(DateOnly first, DateOnly last)
    {
        var span = last.DayNumber - first.DayNumber + 1;
        var count = span / 7 * 5;
        for (var d = first.AddDays(span / 7 * 7); d <= last; d = d.AddDays(1))
            if (IsWeekday(d)) count++;
        return count - CountIn(turnedOff, first, last) + CountIn(turnedOn, first, last);
    }

    private static int CountIn(DateOnly[] sorted, DateOnly first, DateOnly last) =>
        LowerBound(sorted, last.AddDays(1)) - LowerBound(sorted, first);

    /// <summary>The index of the first element not before <paramref name="day"/>.</summary>
    private static int LowerBound(DateOnly[] sorted, DateOnly day)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < day) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static bool IsWeekday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
}
