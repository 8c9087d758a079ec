using DoiThoai.Web.Features.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Calendar;

/// <summary>
/// Removing a calendar exception, asked first. Calendar rows are configuration, not records of
/// what happened: a removed holiday simply stops counting for deadlines computed from now on.
/// </summary>
public sealed class DeleteModel(AppDbContext db, WorkingCalendar calendar) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public CalendarDay Day { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var day = await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Id);
        if (day is null) return NotFound();
        Day = day;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Id == Id);
        if (day is null) return NotFound();
        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync();
        calendar.Invalidate();
        Flash("Đã xóa ngày {0} khỏi lịch.", Formats.Day(day.Date));
        return RedirectToPage("Index", new { year = day.Date.Year });
    }
}
