using System.Globalization;
using DoiThoai.Tests.Features.Demo;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;

namespace DoiThoai.Tests.Features.Calendar;

/// <summary>The official days the seed computes, read without a database.</summary>
public sealed class CalendarSeedRuleTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static readonly IReadOnlyList<CalendarDay> Days = CalendarSeed.OfficialDays();

    private static CalendarDayKind? KindOn(string iso) => Days.SingleOrDefault(d => d.Date == D(iso))?.Kind;

    [Fact]
    public void Every_year_2015_to_2027_has_new_year_five_days_of_Tet_Hung_Kings_30_4_1_5_and_National_Day()
    {
        foreach (var year in Enumerable.Range(2015, 13))
        {
            var holidays = Days.Where(d => d.Date.Year == year && d.Kind == CalendarDayKind.Holiday).ToList();
            Assert.Equal(year >= 2021 ? 11 : 10, holidays.Count);
            Assert.Contains(holidays, d => d.Date == new DateOnly(year, 1, 1));
            Assert.Contains(holidays, d => d.Date == new DateOnly(year, 4, 30));
            Assert.Contains(holidays, d => d.Date == new DateOnly(year, 5, 1));
            Assert.Contains(holidays, d => d.Date == new DateOnly(year, 9, 2));
            Assert.Equal(5, holidays.Count(d => d.Name.StartsWith("Tết Nguyên đán", StringComparison.Ordinal)));
            Assert.Single(holidays, d => d.Name.StartsWith("Giỗ Tổ", StringComparison.Ordinal));
        }
        Assert.Equal(Days.Count, Days.Select(d => d.Date).Distinct().Count());
    }

    [Theory]
    // Tết 2026 (mùng 1 on Tuesday 17/2): the last day of the old year and mùng 1–4.
    [InlineData("2026-02-15", null)]
    [InlineData("2026-02-16", CalendarDayKind.Holiday)]
    [InlineData("2026-02-20", CalendarDayKind.Holiday)]
    [InlineData("2026-02-21", null)]
    // Lunar Hùng Kings' day.
    [InlineData("2015-04-28", CalendarDayKind.Holiday)]
    [InlineData("2025-04-07", CalendarDayKind.Holiday)]
    // National Day: one day until 2020; from 2021 with 3/9, or 1/9 when 2/9 is a Friday or Saturday.
    [InlineData("2020-09-03", null)]
    [InlineData("2021-09-03", CalendarDayKind.Holiday)]
    [InlineData("2022-09-01", CalendarDayKind.Holiday)]
    [InlineData("2022-09-03", null)]
    [InlineData("2023-09-01", CalendarDayKind.Holiday)]
    [InlineData("2023-09-04", CalendarDayKind.DayOff)] // for 2/9/2023, a Saturday
    // Weekend holidays give the next working day off (Labour Code art. 112).
    [InlineData("2022-01-03", CalendarDayKind.DayOff)] // 1/1/2022 Saturday
    [InlineData("2022-05-02", CalendarDayKind.DayOff)] // 30/4/2022 Saturday
    [InlineData("2022-05-03", CalendarDayKind.DayOff)] // 1/5/2022 Sunday
    [InlineData("2023-05-02", CalendarDayKind.DayOff)] // Hùng Kings 29/4/2023 Saturday, after 1/5 Monday
    [InlineData("2023-05-03", CalendarDayKind.DayOff)] // 30/4/2023 Sunday
    [InlineData("2027-02-10", CalendarDayKind.DayOff)]
    [InlineData("2027-02-11", CalendarDayKind.DayOff)]
    public void Seeded_day(string day, CalendarDayKind? expected) => Assert.Equal(expected, KindOn(day));

    [Fact]
    public void Compensatory_days_are_weekdays_that_are_not_holidays()
    {
        var holidays = Days.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet();
        var daysOff = Days.Where(d => d.Kind == CalendarDayKind.DayOff).ToList();
        Assert.Equal(holidays.Count(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday), daysOff.Count);
        Assert.All(daysOff, d =>
        {
            Assert.DoesNotContain(d.Date.DayOfWeek, new[] { DayOfWeek.Saturday, DayOfWeek.Sunday });
            Assert.DoesNotContain(d.Date, holidays);
            Assert.StartsWith("Nghỉ bù ", d.Name);
        });
        Assert.DoesNotContain(Days, d => d.Kind == CalendarDayKind.WorkingDay);
    }
}

/// <summary>
/// The seed in a database started without demo data: holidays and rules are reference data, there
/// on every installation, added once and never overwriting what the administrator changed.
/// </summary>
public sealed class CalendarSeedTests(EmptyAppFactory app) : IClassFixture<EmptyAppFactory>
{
    [Fact]
    public async Task Holidays_and_default_rules_are_there_without_demo_data()
    {
        var (first, last) = (new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31));
        Assert.Equal(CalendarSeed.OfficialDays(2026).Count + CalendarSeed.OfficialDays(2027).Count,
            await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date >= first && d.Date <= last)));
        var rules = await app.WithDbAsync(db => db.DeadlineRules.AsNoTracking().ToListAsync());
        Assert.Equal(3, rules.Count);
        Assert.Contains(rules, r => r is { ItemKind: null, Role: DeadlineRole.CoOperating, Days: 5, WorkingDays: true });
        Assert.Contains(rules, r => r is { ItemKind: null, Role: DeadlineRole.Lead, Days: 15, WorkingDays: true });
        Assert.Contains(rules, r => r is { ItemKind: ItemKind.Recommendation, Role: DeadlineRole.Lead, Days: 60, WorkingDays: false });
    }

}

/// <summary>Runs the seed again over a database an administrator has changed (a fixture of its own, since it edits seeded rows).</summary>
public sealed class CalendarSeedAgainTests(EmptyAppFactory app) : IClassFixture<EmptyAppFactory>
{
    [Fact]
    public async Task Seeding_again_adds_nothing_and_keeps_the_administrators_changes()
    {
        var newYear2015 = new DateOnly(2015, 1, 1);
        var tet2016 = new DateOnly(2016, 2, 8);
        var leadRuleDays = await app.WithDbAsync(async db =>
        {
            var day = await db.CalendarDays.SingleAsync(d => d.Date == newYear2015);
            day.Name = "Tết Dương lịch (đã sửa)";
            db.CalendarDays.Remove(await db.CalendarDays.SingleAsync(d => d.Date == tet2016));
            var rule = await db.DeadlineRules.SingleAsync(r => r.ItemKind == null && r.Role == DeadlineRole.Lead);
            rule.Days = 20;
            await db.SaveChangesAsync();
            return rule.Days;
        });
        var before = await app.WithDbAsync(async db => (await db.CalendarDays.CountAsync(), await db.DeadlineRules.CountAsync()));

        await app.WithDbAsync(async db => { await CalendarSeed.EnsureAsync(db); return 0; });
        await app.WithDbAsync(async db => { await CalendarSeed.EnsureAsync(db); return 0; });

        Assert.Equal(before, await app.WithDbAsync(async db => (await db.CalendarDays.CountAsync(), await db.DeadlineRules.CountAsync())));
        Assert.Equal("Tết Dương lịch (đã sửa)", await app.WithDbAsync(db => db.CalendarDays.Where(d => d.Date == newYear2015).Select(d => d.Name).SingleAsync()));
        // A seeded day the administrator removed stays removed: its year already has rows.
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == tet2016)));
        Assert.Equal(leadRuleDays, await app.WithDbAsync(db => db.DeadlineRules.Where(r => r.ItemKind == null && r.Role == DeadlineRole.Lead).Select(r => r.Days).SingleAsync()));
    }

    [Fact]
    public async Task A_year_with_no_row_at_all_is_seeded_again()
    {
        var first = new DateOnly(2017, 1, 1);
        var last = new DateOnly(2017, 12, 31);
        var seeded = CalendarSeed.OfficialDays(2017).Count;
        await app.WithDbAsync(async db => await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ExecuteDeleteAsync());

        await app.WithDbAsync(async db => { await CalendarSeed.EnsureAsync(db); return 0; });

        Assert.Equal(seeded, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date >= first && d.Date <= last)));
    }
}
