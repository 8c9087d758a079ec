using System.Globalization;

namespace DoiThoai.Web.Features.Shared;

/// <summary>
/// Dates typed into forms. Modern browsers send &lt;input type="date"&gt; and "datetime-local" in
/// ISO form whatever the language; older browsers on office PCs show a plain text box where people
/// type the Vietnamese way (08/09/2017 08:00). Both are accepted, and a bad value is refused with a
/// message naming the field instead of the framework's English binding error.
/// </summary>
public static class FormValues
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy", "d.M.yyyy"];

    private static readonly string[] DateTimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF", "yyyy-MM-dd HH:mm",
        "d/M/yyyy H:mm", "d/M/yyyy H'h'mm", "H:mm d/M/yyyy", "d/M/yyyy",
    ];

    public const string BadDateMessage = "Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 08/09/2017.";

    /// <summary>A day, or null when the box was left empty.</summary>
    public static DateOnly? Date(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return TryDate(text) ?? throw new DomainValidationException(field, BadDateMessage);
    }

    /// <summary>The day, or null for an empty or unreadable value.</summary>
    public static DateOnly? TryDate(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>A Vietnam-time date and time (unspecified kind), or null when the box was left empty.</summary>
    public static DateTime? LocalDateTime(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return DateTime.TryParseExact(text.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw new DomainValidationException(field, "Thời gian không hợp lệ. Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 08/09/2017 08:00.");
    }
}
