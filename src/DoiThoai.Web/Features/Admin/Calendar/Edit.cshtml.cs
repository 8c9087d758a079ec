using DoiThoai.Web.Features.Calendar;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Features.Admin.Calendar;

public sealed class EditModel(AppDbContext db, WorkingCalendar calendar) : AdminPageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public CalendarDayInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        var day = await db.CalendarDays.AsNoTracking().SingleOrDefaultAsync(d => d.Id == Id);
        if (day is null) return NotFound();
        Input = CalendarDayInput.From(day);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var day = await db.CalendarDays.SingleOrDefaultAsync(d => d.Id == Id);
        if (day is null) return NotFound();
        if (await TrySaveAsync(Input, async () =>
            {
                await Input.ApplyToAsync(day, db);
                await db.SaveChangesAsync();
                calendar.Invalidate();
            }))
        {
            Flash("Đã lưu ngày {0}.", Formats.Day(day.Date));
            return RedirectToPage("Index", new { year = day.Date.Year });
        }
        return FormWithErrors();
    }
}
