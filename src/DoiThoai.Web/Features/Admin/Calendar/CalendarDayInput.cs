using System.ComponentModel.DataAnnotations;
using DoiThoai.Web.Features.Calendar;

namespace DoiThoai.Web.Features.Admin.Calendar;

/// <summary>The calendar day form: one exception to the Monday–Friday week.</summary>
public sealed class CalendarDayInput
{
    [Required(ErrorMessage = "Vui lòng nhập ngày.")]
    [DateText]
    public string? Date { get; set; }

    [Required(ErrorMessage = "Vui lòng chọn loại ngày.")]
    public CalendarDayKind? Kind { get; set; }

    [Required(ErrorMessage = "Vui lòng nhập tên ngày, ví dụ: Tết Nguyên đán (mùng 1).")]
    [StringLength(200, ErrorMessage = "Tên dài quá {1} ký tự.")]
    public string? Name { get; set; }

    public static CalendarDayInput From(CalendarDay d) => new() { Date = Formats.IsoDate(d.Date), Kind = d.Kind, Name = d.Name };

    /// <summary>The day typed, or null when it does not parse (the annotations have refused it already).</summary>
    public DateOnly? Day => DateTextAttribute.Parse(Date);

    public async Task ApplyToAsync(CalendarDay day, AppDbContext db)
    {
        var date = Day!.Value;
        var kind = Kind!.Value;
        if (!Enum.IsDefined(kind))
            throw new DomainValidationException(nameof(Kind), "Vui lòng chọn loại ngày.");
        var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        // A make-up working day on a weekday, or a day off on a weekend, would change nothing:
        // it is almost certainly a mistyped date, so say so rather than store it.
        if (kind == CalendarDayKind.WorkingDay && !weekend)
            throw new DomainValidationException(nameof(Date), "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.");
        if (kind == CalendarDayKind.DayOff && weekend)
            throw new DomainValidationException(nameof(Date), "Ngày nghỉ bù phải là một ngày từ thứ Hai đến thứ Sáu.");
        // Checked here for a readable message; the unique index on the date still guards against a race.
        if (await db.CalendarDays.AnyAsync(d => d.Date == date && d.Id != day.Id))
            throw new DomainValidationException(nameof(Date), "Ngày này đã có trong lịch. Hãy sửa dòng đã có thay vì thêm dòng mới.");
        day.Date = date;
        day.Kind = kind;
        day.Name = AdminText.Clean(Name) ?? "";
    }
}
