using System.Text.RegularExpressions;

namespace DoiThoai.Text;

/// <summary>
/// Common Party-work abbreviations, expanded before search keys are built so that "TU" finds
/// "Tỉnh ủy" and the other way round. Abbreviations match only as whole, upper-case tokens
/// ("TU" but not "Tu" or "TUẤN"); an all-upper-case headline word that happens to spell one
/// (e.g. "TU" in "TU BỔ") is expanded too, a known limitation.
/// Both "QĐ 11" (also "QĐ số 11") and "11-QĐi/TW" become "quy định 11-QĐi/TW".
/// </summary>
public static partial class Abbreviations
{
    /// <summary>The abbreviations and their expansions (lower case, NFC).</summary>
    public static IReadOnlyDictionary<string, string> Table { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TU"] = "tỉnh ủy",
        ["HU"] = "huyện ủy",
        ["ĐU"] = "đảng ủy",
        ["UBKT"] = "ủy ban kiểm tra",
        ["MTTQ"] = "mặt trận tổ quốc",
        ["HĐND"] = "hội đồng nhân dân",
        ["BTV"] = "ban thường vụ",
    };

    /// <summary>Replaces whole-token abbreviations with their expansions; other text is unchanged.</summary>
    public static string Expand(string text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        text = text.Normalize(System.Text.NormalizationForm.FormC);
        // Most texts cite no regulation: skip both patterns unless "QĐ" is there at all.
        if (text.Contains("QĐ", StringComparison.Ordinal))
        {
            text = QdShort().Replace(text, m => $"quy định {m.Groups[1].Value}-QĐi/TW");
            text = QdLong().Replace(text, m => $"quy định {m.Groups[1].Value}-QĐi/TW");
        }
        return Word().Replace(text, m => Table[m.Value]);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}])(TU|HU|ĐU|UBKT|MTTQ|HĐND|BTV)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    // "QĐ 11", "QĐ số 11", "QĐ 11-QĐi/TW"
    [GeneratedRegex(@"(?<![\p{L}\p{N}])QĐ\s*(?:số\s*)?(\d+)(?:\s*-\s*QĐi\s*/\s*TW)?(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex QdShort();

    // "11-QĐi/TW", not already preceded by "quy định"
    [GeneratedRegex(@"(?<!(?i:quy\s+định)\s*(?:(?i:số)\s*)?)(?<![\p{L}\p{N}])(\d+)\s*-\s*QĐi\s*/\s*TW(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex QdLong();
}
