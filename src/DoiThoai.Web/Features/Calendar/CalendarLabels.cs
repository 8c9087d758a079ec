using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Calendar;

/// <summary>Names of calendar day kinds, deadline roles and counting modes, in the reader's language.</summary>
public static class CalendarLabels
{
    public static string Of(CalendarDayKind kind, IStringLocalizer t) => kind switch
    {
        CalendarDayKind.Holiday => t["Ngày lễ, Tết"],
        CalendarDayKind.DayOff => t["Ngày nghỉ bù, nghỉ hoán đổi"],
        CalendarDayKind.WorkingDay => t["Ngày làm bù (thứ Bảy, Chủ nhật đi làm)"],
    };

    public static string Of(DeadlineRole role, IStringLocalizer t) => role switch
    {
        DeadlineRole.Lead => t["Đơn vị chủ trì"],
        DeadlineRole.CoOperating => t["Đơn vị phối hợp"],
    };

    /// <summary>"15 ngày làm việc" or "60 ngày".</summary>
    public static string Period(int days, bool workingDays, IStringLocalizer t) => workingDays
        ? t["{0} ngày làm việc", Formats.Number(days)]
        : t["{0} ngày theo lịch", Formats.Number(days)];
}
