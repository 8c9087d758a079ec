using DoiThoai.Web.Features.Items;

namespace DoiThoai.Web.Features.Calendar;

/// <summary>
/// Reference data every installation needs before the first deadline is computed: the official
/// Vietnamese public holidays 2015–2027 and the default deadline rules. Like
/// <see cref="Accounts.RoleSetup"/> it runs on every start and on the operator verbs, demo data or
/// not, and it only ever adds what is missing.
/// </summary>
/// <remarks>
/// The holidays follow the Labour Code's rule (Bộ luật Lao động 2012 art. 115, 2019 art. 112):
/// New Year 1/1; Tết 5 days; Hùng Kings' day 10/3 lunar; 30/4; 1/5; National Day 2/9, plus from
/// 2021 one adjacent day; and when a holiday falls on Saturday or Sunday, the next working day is
/// off instead. The Government's yearly decisions (which 5 days of Tết exactly, extra days that
/// bridge to a weekend paid back by a make-up Saturday, 2/9 with 1/9 rather than 3/9) are not
/// guessed here: the administrator enters them as data on /Admin/Calendar, as DayOff and WorkingDay
/// rows, and corrects a seeded row where the decision differs.
/// </remarks>
public static class CalendarSeed
{
    public const int FirstYear = 2015;
    public const int LastYear = 2027;

    /// <summary>Mùng 1 Tết (first day of the lunar year), from the published lunar calendar.</summary>
    private static readonly Dictionary<int, DateOnly> LunarNewYear = new()
    {
        [2015] = new(2015, 2, 19), [2016] = new(2016, 2, 8), [2017] = new(2017, 1, 28), [2018] = new(2018, 2, 16),
        [2019] = new(2019, 2, 5), [2020] = new(2020, 1, 25), [2021] = new(2021, 2, 12), [2022] = new(2022, 2, 1),
        [2023] = new(2023, 1, 22), [2024] = new(2024, 2, 10), [2025] = new(2025, 1, 29), [2026] = new(2026, 2, 17),
        [2027] = new(2027, 2, 6),
    };

    /// <summary>Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month.</summary>
    private static readonly Dictionary<int, DateOnly> HungKings = new()
    {
        [2015] = new(2015, 4, 28), [2016] = new(2016, 4, 16), [2017] = new(2017, 4, 6), [2018] = new(2018, 4, 25),
        [2019] = new(2019, 4, 14), [2020] = new(2020, 4, 2), [2021] = new(2021, 4, 21), [2022] = new(2022, 4, 10),
        [2023] = new(2023, 4, 29), [2024] = new(2024, 4, 18), [2025] = new(2025, 4, 7), [2026] = new(2026, 4, 26),
        [2027] = new(2027, 4, 16),
    };

    /// <summary>The holidays and compensatory days off of every seeded year, in date order.</summary>
    public static IReadOnlyList<CalendarDay> OfficialDays() =>
        Enumerable.Range(FirstYear, LastYear - FirstYear + 1).SelectMany(OfficialDays).ToList();

    /// <summary>The holidays of one year by the Labour Code's rule, with their compensatory days off.</summary>
    public static IReadOnlyList<CalendarDay> OfficialDays(int year)
    {
        var holidays = new SortedDictionary<DateOnly, string>();
        void Holiday(DateOnly day, string name) => holidays.TryAdd(day, name);

        Holiday(new(year, 1, 1), "Tết Dương lịch");
        var tet = LunarNewYear[year];
        Holiday(tet.AddDays(-1), "Tết Nguyên đán (ngày cuối năm Âm lịch)");
        for (var i = 0; i < 4; i++) Holiday(tet.AddDays(i), $"Tết Nguyên đán (mùng {i + 1})");
        Holiday(HungKings[year], "Giỗ Tổ Hùng Vương (10/3 Âm lịch)");
        Holiday(new(year, 4, 30), "Ngày Chiến thắng (30/4)");
        Holiday(new(year, 5, 1), "Ngày Quốc tế Lao động (1/5)");
        var nationalDay = new DateOnly(year, 9, 2);
        Holiday(nationalDay, "Quốc khánh (2/9)");
        if (year >= 2021)
        {
            // Labour Code 2019: 2/9 and "one adjacent day", chosen each year by the Prime Minister.
            // The seed takes 3/9, or 1/9 when 2/9 is a Friday or Saturday so that the extra day is
            // not a weekend day (as decided in 2022 and 2023).
            var adjacent = nationalDay.DayOfWeek is DayOfWeek.Friday or DayOfWeek.Saturday
                ? nationalDay.AddDays(-1)
                : nationalDay.AddDays(1);
            Holiday(adjacent, "Quốc khánh (ngày liền kề)");
        }

        var days = holidays.Select(h => new CalendarDay { Date = h.Key, Kind = CalendarDayKind.Holiday, Name = h.Value }).ToList();
        var off = holidays.Keys.ToHashSet();
        foreach (var (date, name) in holidays)
        {
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) continue;
            // Art. 112(3): the next working day, after the holidays and compensatory days already taken.
            var compensatory = date.AddDays(1);
            while (compensatory.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || off.Contains(compensatory))
                compensatory = compensatory.AddDays(1);
            off.Add(compensatory);
            days.Add(new CalendarDay { Date = compensatory, Kind = CalendarDayKind.DayOff, Name = "Nghỉ bù " + name });
        }
        return days.OrderBy(d => d.Date).ToList();
    }

    /// <summary>The rules in force when the administrator has set none.</summary>
    public static IReadOnlyList<DeadlineRule> DefaultRules() =>
    [
        new() { ItemKind = null, Role = DeadlineRole.CoOperating, Days = 5, WorkingDays = true,
            Note = "Đơn vị phối hợp gửi ý kiến cho đơn vị chủ trì trong 5 ngày làm việc." },
        new() { ItemKind = null, Role = DeadlineRole.Lead, Days = 15, WorkingDays = true,
            Note = "Đơn vị chủ trì trả lời trong 15 ngày làm việc." },
        new() { ItemKind = ItemKind.Recommendation, Role = DeadlineRole.Lead, Days = 60, WorkingDays = false,
            Note = "Theo cách trả lời kiến nghị của cử tri: trong 60 ngày." },
    ];

    /// <summary>
    /// Adds the official days of every seeded year that has no calendar row yet, and the default
    /// rules when there is no rule at all. A year the administrator has already touched (or that
    /// an earlier start seeded) is left alone, so a seeded day the administrator removed because
    /// the Government decided otherwise does not come back on the next start; an existing row is
    /// never overwritten.
    /// </summary>
    public static async Task EnsureAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(FirstYear, 1, 1);
        var last = new DateOnly(LastYear, 12, 31);
        var existing = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .Select(d => d.Date)
            .ToListAsync(cancellationToken);
        var yearsWithData = existing.Select(d => d.Year).ToHashSet();
        var taken = existing.ToHashSet();
        var missing = Enumerable.Range(FirstYear, LastYear - FirstYear + 1)
            .Where(y => !yearsWithData.Contains(y))
            .SelectMany(OfficialDays)
            .Where(d => !taken.Contains(d.Date))
            .ToList();
        db.CalendarDays.AddRange(missing);

        if (!await db.DeadlineRules.AnyAsync(cancellationToken))
            db.DeadlineRules.AddRange(DefaultRules());

        if (!db.ChangeTracker.HasChanges()) return;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another app node starting at the same moment seeded first (unique date index); its rows stand.
            db.ChangeTracker.Clear();
        }
    }
}
