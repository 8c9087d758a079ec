using System.Globalization;
using DoiThoai.Tests.Features.Demo;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Calendar;

/// <summary>
/// <see cref="WorkingCalendar.DueOnAsync"/> over the seeded rules and calendar in a real database
/// (without demo data, so that only the reference data counts): 5 working days for co-operating
/// units, 15 for the lead unit, 60 calendar days for the lead unit on a recommendation.
/// </summary>
public sealed class DeadlineTests(EmptyAppFactory app) : IClassFixture<EmptyAppFactory>
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(ItemKind.Opinion, DeadlineRole.Lead, "2026-02-13", "2026-03-13")]       // general, 15 working days across Tết
    [InlineData(ItemKind.Opinion, DeadlineRole.CoOperating, "2026-02-13", "2026-02-27")] // general, 5 working days
    [InlineData(ItemKind.Recommendation, DeadlineRole.Lead, "2026-02-13", "2026-04-14")] // its own rule, 60 calendar days
    [InlineData(ItemKind.Recommendation, DeadlineRole.Lead, "2026-03-01", "2026-05-04")] // 60 days land on 30/4: moved past 1/5 and the weekend
    [InlineData(ItemKind.Recommendation, DeadlineRole.CoOperating, "2026-02-13", "2026-02-27")] // no rule of its own: the general one
    [InlineData(ItemKind.Reflection, DeadlineRole.Lead, "2026-12-25", "2027-01-18")]    // across the year boundary
    public async Task The_kinds_own_rule_wins_over_the_general_one(ItemKind kind, DeadlineRole role, string from, string expected) =>
        Assert.Equal(D(expected), await app.WithCalendarAsync(c => c.DueOnAsync(kind, role, D(from))));

    [Fact]
    public async Task The_service_reads_the_same_calendar_as_the_seed()
    {
        var calendar = await app.WithCalendarAsync(c => c.CurrentAsync());
        Assert.Equal(D("2027-01-04"), calendar.AddWorkingDays(D("2026-12-31"), 1));
        Assert.False(await app.WithCalendarAsync(c => c.IsWorkingDayAsync(D("2026-02-17"))));
        Assert.Equal(250, await app.WithCalendarAsync(c => c.WorkingDaysBetweenAsync(D("2025-12-31"), D("2026-12-31"))));
    }
}

internal static class CalendarServices
{
    /// <summary>Asks the app's own <see cref="WorkingCalendar"/> (its cache is the app's) in a scope of its own.</summary>
    public static async Task<T> WithCalendarAsync<T>(this AppFactory app, Func<WorkingCalendar, Task<T>> ask)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ask(scope.ServiceProvider.GetRequiredService<WorkingCalendar>());
    }
}
