using System.Globalization;

namespace DoiThoai.Tests.Web;

public sealed class FormatsTests
{
    private static T In<T>(string culture, Func<T> format)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return format(); }
        finally { (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi); }
    }

    [Theory]
    [InlineData("vi-VN", "Thứ Sáu, 08/09/2017")]
    [InlineData("en-US", "Friday, September 8, 2017")]
    public void A_day_is_written_as_each_language_writes_it(string culture, string expected) =>
        Assert.Equal(expected, In(culture, () => Formats.Day(new DateOnly(2017, 9, 8))));

    [Fact]
    public void Stored_utc_is_shown_in_vietnam_time_even_across_midnight()
    {
        // 17:30 UTC on the 7th is already 00:30 on the 8th in Hà Nội.
        var utc = new DateTime(2017, 9, 7, 17, 30, 0, DateTimeKind.Utc);
        Assert.Equal("00:30 Thứ Sáu, 08/09/2017", In("vi-VN", () => Formats.DateTime(utc)));
        Assert.Equal(new DateOnly(2017, 9, 8), VietnamTime.DateOf(utc));
        Assert.Equal(utc, VietnamTime.ToUtc(new DateTime(2017, 9, 8, 0, 30, 0)));
    }

    [Theory]
    [InlineData("vi-VN", "1.234,5", "1.234.567")]
    [InlineData("en-US", "1,234.5", "1,234,567")]
    public void Numbers_use_the_language_separators(string culture, string decimalText, string integerText)
    {
        Assert.Equal(decimalText, In(culture, () => Formats.Number(1234.5m, 1)));
        Assert.Equal(integerText, In(culture, () => Formats.Number(1_234_567)));
    }
}
