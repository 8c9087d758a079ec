using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Organisation;
using Microsoft.Extensions.Localization;

namespace DoiThoai.Web.Features.Admin;

/// <summary>Small text rules shared by the administration pages.</summary>
public static class AdminText
{
    /// <summary>Names sort as Vietnamese readers expect (Đ after D, tones after the bare letter).</summary>
    public static readonly StringComparer Collation =
        StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), CompareOptions.IgnoreCase);

    /// <summary>
    /// Trimmed and in NFC, or null when blank. Text is stored NFC (see DESIGN.md) because the same
    /// Vietnamese letter can arrive composed or decomposed depending on the keyboard.
    /// </summary>
    public static string? Clean(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(NormalizationForm.FormC);

    /// <summary>The name in the reader's language; English names are optional and fall back to Vietnamese.</summary>
    public static string Localized(string name, string? nameEn) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;

    /// <summary>"01/01/1997 – 30/06/2025", or "01/01/1997 – nay" while the unit still exists.</summary>
    public static string Period(DateOnly from, DateOnly? to, IStringLocalizer t) =>
        $"{Formats.Date(from)} – {(to is { } end ? Formats.Date(end) : t["nay"].Value)}";

    /// <summary>How a succession link reads: "Huyện ủy Việt Yên → sáp nhập vào Tỉnh ủy Bắc Ninh".</summary>
    public static string Label(SuccessionKind kind) => kind switch
    {
        SuccessionKind.MergedInto => "sáp nhập vào",
        SuccessionKind.SplitInto => "chia tách sang",
        SuccessionKind.RenamedTo => "đổi tên thành",
    };

    /// <summary>The same link seen from the successor: "tiền thân: Tỉnh ủy Bắc Giang (sáp nhập, 01/07/2025)".</summary>
    public static string Noun(SuccessionKind kind) => kind switch
    {
        SuccessionKind.MergedInto => "sáp nhập",
        SuccessionKind.SplitInto => "chia tách",
        SuccessionKind.RenamedTo => "đổi tên",
    };
}
