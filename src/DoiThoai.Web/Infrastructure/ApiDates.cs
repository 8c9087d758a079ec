using System.Globalization;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Instants sent to the API: "2026-12-10T08:00:00+07:00" (any offset) or, without an offset,
/// Vietnam local time — the way office staff think of a meeting time.
/// </summary>
public static class ApiDates
{
    private static readonly System.Text.RegularExpressions.Regex IsoWithOffset =
        new(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"];

    public static DateTime? ParseLocal(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return local;
        // Only ISO 8601 with an offset: "10/12/2026" means October to some and December to others.
        if (IsoWithOffset.IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
            return VietnamTime.ToLocal(withOffset.UtcDateTime);
        throw new DomainValidationException(field, $"Thời gian \"{value}\" không đúng định dạng (yyyy-MM-ddTHH:mm, giờ Việt Nam, hoặc kèm múi giờ).");
    }

    /// <summary>A stored UTC instant as ISO 8601 with Vietnam's offset.</summary>
    public static DateTimeOffset ToVietnamOffset(DateTime utc) =>
        new(VietnamTime.ToLocal(utc), VietnamTime.Zone.GetUtcOffset(utc));
}
