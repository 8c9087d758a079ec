using System.Globalization;
using System.Text;

namespace DoiThoai.Text;

/// <summary>
/// Sorting with the vi-VN collation (ICU): a &lt; ă &lt; â &lt; b … d &lt; đ &lt; e … o &lt; ô &lt; ơ … u &lt; ư,
/// base letters before tones, NFC and NFD spellings equal.
/// <see cref="Instance"/> compares whole strings; <see cref="ByGivenName"/> sorts personal names
/// the way Vietnamese lists do: by the given name (last word), then by the name from the family
/// name onwards.
/// </summary>
public sealed class VietnameseCollation : IComparer<string?>
{
    private static readonly CompareInfo Compare_ = VietnameseText.Culture.CompareInfo;
    private readonly bool _byGivenName;

    private VietnameseCollation(bool byGivenName) => _byGivenName = byGivenName;

    /// <summary>Whole-string vi-VN order.</summary>
    public static VietnameseCollation Instance { get; } = new(false);

    /// <summary>Names ordered by given name, then family and middle names.</summary>
    public static VietnameseCollation ByGivenName { get; } = new(true);

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        x = x.Normalize(NormalizationForm.FormC);
        y = y.Normalize(NormalizationForm.FormC);
        if (_byGivenName)
        {
            var byGiven = Compare_.Compare(GivenName(x), GivenName(y), CompareOptions.None);
            if (byGiven != 0) return byGiven;
        }
        var result = Compare_.Compare(x, y, CompareOptions.None);
        return result != 0 ? result : string.CompareOrdinal(x, y);
    }

    private static string GivenName(string name)
    {
        var trimmed = name.AsSpan().Trim();
        var space = trimmed.LastIndexOfAny(' ', '\t', '\u00A0');
        return (space < 0 ? trimmed : trimmed[(space + 1)..]).ToString();
    }
}
