using System.Globalization;
using DoiThoai.Web.Features.Calendar;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DoiThoai.Web.Features.Admin.Calendar;

/// <summary>
/// The working-day calendar of one year: the holidays, days off and make-up working days that
/// differ from the Monday–Friday week, with the form to add one. These rows are configuration:
/// they may be removed (after a confirmation), and deadlines already set are not recomputed.
/// </summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, WorkingCalendar calendar) : AdminPageModel
{
    // Years offered and accepted in the address; DateOnly covers more, a calendar does not need to.
    private const int MinYear = 1990, MaxYear = 2100;

    [BindProperty] public CalendarDayInput Input { get; set; } = new();

    public int Year { get; private set; }
    public IReadOnlyList<SelectListItem> Years { get; private set; } = [];
    public IReadOnlyList<DayRow> Days { get; private set; } = [];
    public int WorkingDays { get; private set; }

    public sealed record DayRow(int Id, DateOnly Date, CalendarDayKind Kind, string Name);

    /// <summary>The year is read by hand: a value that is not a year shows the current one rather than an error.</summary>
    public async Task OnGetAsync(string? year)
    {
        Year = int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= MinYear and <= MaxYear
            ? y
            : Today.Year;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var day = new CalendarDay();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(day, db);
                db.CalendarDays.Add(day);
                await db.SaveChangesAsync();
                calendar.Invalidate();
            }))
        {
            Flash("Đã thêm ngày {0} vào lịch.", Formats.Day(day.Date));
            return RedirectToPage(new { year = day.Date.Year });
        }
        Year = Input.Day is { Year: >= MinYear and <= MaxYear } typed ? typed.Year : Today.Year;
        await LoadAsync();
        return FormWithErrors();
    }

    private DateOnly Today => VietnamTime.Today(clock.GetUtcNow().UtcDateTime);

    private async Task LoadAsync()
    {
        var first = new DateOnly(Year, 1, 1);
        var last = new DateOnly(Year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .Select(d => new DayRow(d.Id, d.Date, d.Kind, d.Name))
            .ToListAsync();
        WorkingDays = (await calendar.CurrentAsync()).WorkingDaysBetween(first.AddDays(-1), last);

        var years = (await db.CalendarDays.AsNoTracking().Select(d => d.Date).ToListAsync())
            .Select(d => d.Year)
            .Concat([Today.Year - 1, Today.Year, Today.Year + 1, Year])
            .Where(y => y is >= MinYear and <= MaxYear)
            .Distinct()
            .Order();
        Years = years.Select(y => new SelectListItem(YearText(y), YearText(y), y == Year)).ToList();
    }

    public string YearLabel => YearText(Year);

    /// <summary>A year as written, 2026, never grouped like a number (2.026).</summary>
    public static string YearText(int year) => year.ToString(CultureInfo.InvariantCulture);
}
