using System.Globalization;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Dates and numbers as Vietnamese offices write them ("Thứ Sáu, 08/09/2017", 1.234,5), or the
/// English equivalents when the reader chose English. Always the current request culture.
/// </summary>
public static class Formats
{
    private static CultureInfo Culture => CultureInfo.CurrentCulture;
    private static bool IsVietnamese => Culture.TwoLetterISOLanguageName == "vi";

    /// <summary>"Thứ Sáu, 08/09/2017" or "Friday, September 8, 2017".</summary>
    public static string Day(DateOnly day) =>
        day.ToString(IsVietnamese ? "dddd, dd/MM/yyyy" : "dddd, MMMM d, yyyy", Culture);

    public static string Day(DateTime utc) => Day(VietnamTime.DateOf(utc));

    /// <summary>"08/09/2017" or "09/08/2017".</summary>
    public static string Date(DateOnly day) => day.ToString(IsVietnamese ? "dd/MM/yyyy" : "MM/dd/yyyy", Culture);

    public static string Date(DateOnly? day) => day is { } d ? Date(d) : "";

    /// <summary>Vietnam time of a stored UTC instant: "08:00 Thứ Sáu, 08/09/2017".</summary>
    public static string DateTime(DateTime utc) =>
        VietnamTime.ToLocal(utc).ToString("HH:mm", Culture) + " " + Day(utc);

    public static string Number(decimal value, int decimals = 0) => value.ToString("N" + decimals, Culture);

    public static string Number(int value) => value.ToString("N0", Culture);

    /// <summary>The value for an &lt;input type="date"&gt;, which is always ISO whatever the language.</summary>
    public static string IsoDate(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>The value for an &lt;input type="datetime-local"&gt; in Vietnam time.</summary>
    public static string IsoLocalDateTime(DateTime utc) =>
        VietnamTime.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
