using System.Globalization;
using DoiThoai.Web.Features.Calendar;

namespace DoiThoai.Tests.Features.Calendar;

/// <summary>
/// Working-day arithmetic on the seeded official calendar, without a database. The seed for the
/// years used here (Labour Code rule, see CalendarSeed):
/// 2026 — 1/1 Thu; Tết 16–20/2 (Mon–Fri); Hùng Kings 26/4 Sun, compensatory Mon 27/4; 30/4 Thu;
/// 1/5 Fri; 2/9 Wed and 3/9 Thu.
/// 2027 — 1/1 Fri; Tết 5–9/2 (Fri–Tue, with Sat 6 and Sun 7), compensatory Wed 10/2 and Thu 11/2;
/// Hùng Kings 16/4 Fri; 30/4 Fri; 1/5 Sat, compensatory Mon 3/5; 2/9 Thu and 3/9 Fri.
/// </summary>
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Official = new(CalendarSeed.OfficialDays());

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    // Tết 2026: the Friday before the break, day 1 is the Monday after it.
    [InlineData("2026-02-13", 1, "2026-02-23")]
    [InlineData("2026-02-13", 5, "2026-02-27")]
    [InlineData("2026-02-12", 1, "2026-02-13")]
    [InlineData("2026-02-12", 2, "2026-02-23")]
    // Counting from inside the break: its remaining days do not count either.
    [InlineData("2026-02-17", 1, "2026-02-23")]
    // The lead unit's 15 working days across Tết 2026.
    [InlineData("2026-02-13", 15, "2026-03-13")]
    // Year boundary 2026 → 2027: 1/1/2027 is a Friday holiday.
    [InlineData("2026-12-31", 1, "2027-01-04")]
    [InlineData("2026-12-30", 3, "2027-01-05")]
    [InlineData("2026-12-25", 5, "2027-01-04")]
    // Tết 2027 falls over a weekend: its Saturday and Sunday give Wednesday 10/2 and Thursday 11/2 off.
    [InlineData("2027-02-04", 1, "2027-02-12")]
    [InlineData("2027-02-01", 15, "2027-03-01")]
    // Hùng Kings' day on Sunday 26/4/2026 → Monday 27/4 off, then 30/4 and 1/5.
    [InlineData("2026-04-24", 1, "2026-04-28")]
    [InlineData("2026-04-24", 3, "2026-05-04")]
    // 1/5/2027 is a Saturday → Monday 3/5 off.
    [InlineData("2027-04-29", 1, "2027-05-04")]
    // National Day 2026: Wednesday 2/9 and Thursday 3/9.
    [InlineData("2026-09-01", 1, "2026-09-04")]
    // 30/4/2022 Saturday and 1/5/2022 Sunday → Monday 2/5 and Tuesday 3/5 off.
    [InlineData("2022-04-29", 1, "2022-05-04")]
    // Zero is the day itself; a negative count goes back.
    [InlineData("2026-02-13", 0, "2026-02-13")]
    [InlineData("2026-02-23", -1, "2026-02-13")]
    [InlineData("2027-01-04", -1, "2026-12-31")]
    public void Add_working_days(string from, int days, string expected)
    {
        Assert.Equal(D(expected), Official.AddWorkingDays(D(from), days));
        Assert.Equal(days, Official.WorkingDaysBetween(D(from), D(expected)));
    }

    [Theory]
    [InlineData("2026-02-16", false)] // last day of the lunar year
    [InlineData("2026-02-20", false)] // mùng 4
    [InlineData("2026-02-23", true)]
    [InlineData("2026-04-27", false)] // compensatory day for Hùng Kings' Sunday
    [InlineData("2027-02-10", false)] // compensatory day for Tết's Saturday
    [InlineData("2027-02-11", false)] // and for its Sunday
    [InlineData("2027-05-03", false)]
    [InlineData("2026-02-14", false)] // an ordinary Saturday
    [InlineData("2026-03-02", true)]
    public void Is_working_day(string day, bool expected) => Assert.Equal(expected, Official.IsWorkingDay(D(day)));

    [Fact]
    public void A_year_has_its_weekdays_less_the_holidays_and_days_off_that_fall_on_them()
    {
        // 2026 and 2027 both have 261 weekdays; 11 of them are off in each.
        Assert.Equal(250, Official.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")));
        Assert.Equal(250, Official.WorkingDaysBetween(D("2026-12-31"), D("2027-12-31")));
        Assert.Equal(261, WorkingDayCalendar.Ordinary.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")));
    }

    [Fact]
    public void A_make_up_Saturday_counts_as_a_working_day()
    {
        var withSwap = new WorkingDayCalendar(CalendarSeed.OfficialDays().Append(
            new CalendarDay { Date = D("2026-02-14"), Kind = CalendarDayKind.WorkingDay, Name = "Làm bù" }));
        Assert.True(withSwap.IsWorkingDay(D("2026-02-14")));
        Assert.Equal(D("2026-02-14"), withSwap.AddWorkingDays(D("2026-02-13"), 1));
        Assert.Equal(D("2026-02-26"), withSwap.AddWorkingDays(D("2026-02-13"), 5));
        Assert.Equal(251, withSwap.WorkingDaysBetween(D("2025-12-31"), D("2026-12-31")));
    }

    [Fact]
    public void A_weekday_day_off_and_a_weekend_holiday_do_not_count()
    {
        var calendar = new WorkingDayCalendar(
        [
            new CalendarDay { Date = D("2030-01-07"), Kind = CalendarDayKind.DayOff, Name = "Nghỉ" },   // Monday
            new CalendarDay { Date = D("2030-01-12"), Kind = CalendarDayKind.Holiday, Name = "Lễ" },   // Saturday
        ]);
        Assert.Equal(D("2030-01-08"), calendar.AddWorkingDays(D("2030-01-04"), 1));
        Assert.Equal(4, calendar.WorkingDaysBetween(D("2030-01-06"), D("2030-01-13")));
    }

    [Fact]
    public void Working_days_between_is_the_inverse_of_add_and_agrees_with_counting_day_by_day()
    {
        for (var from = D("2015-01-01"); from <= D("2027-12-31"); from = from.AddDays(11))
        {
            for (var n = -25; n <= 70; n += 3)
            {
                var to = Official.AddWorkingDays(from, n);
                Assert.Equal(n, Official.WorkingDaysBetween(from, to));
            }
            foreach (var span in new[] { -400, -31, -1, 1, 6, 7, 8, 45, 400 })
            {
                var to = from.AddDays(span);
                Assert.Equal(CountByHand(from, to), Official.WorkingDaysBetween(from, to));
            }
        }
    }

    [Fact]
    public void A_calendar_day_rule_ending_on_a_day_off_ends_on_the_next_working_day()
    {
        var sixtyDays = new DeadlineRule { Days = 60, WorkingDays = false };
        Assert.Equal(D("2026-04-14"), Official.DueOn(sixtyDays, D("2026-02-13")));
        // 1/3/2026 + 60 days is 30/4, a holiday; 1/5 is too, then a weekend.
        Assert.Equal(D("2026-05-04"), Official.DueOn(sixtyDays, D("2026-03-01")));
        var fifteenWorking = new DeadlineRule { Days = 15, WorkingDays = true };
        Assert.Equal(D("2026-03-13"), Official.DueOn(fifteenWorking, D("2026-02-13")));
    }

    private static int CountByHand(DateOnly from, DateOnly to)
    {
        var count = 0;
        if (to >= from)
            for (var d = from.AddDays(1); d <= to; d = d.AddDays(1)) count += Official.IsWorkingDay(d) ? 1 : 0;
        else
            for (var d = to; d < from; d = d.AddDays(1)) count -= Official.IsWorkingDay(d) ? 1 : 0;
        return count;
    }
}
