using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Documents;

/// <summary>
/// How Party documents write dates, times, numbers and the names in their header. Documents are
/// always Vietnamese, whatever language the reader chose for the pages.
/// </summary>
public static partial class VietnameseText
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>
    /// "ngày 08 tháng 9 năm 2017": a day below 10 and the months 1 and 2 get a leading zero (so
    /// nothing can be written in front of them later), the other months do not — as in the header
    /// of HD 36-HD/VPTW itself ("ngày 03 tháng 4 năm 2018"). See ADR 0014.
    /// </summary>
    public static string LongDate(DateOnly day) =>
        $"ngày {day.Day:00} tháng {(day.Month <= 2 ? day.Month.ToString("00", Culture) : day.Month.ToString(Culture))} năm {day.Year}";

    /// <summary>Left to fill in by hand when the date is not known yet.</summary>
    public const string BlankLongDate = "ngày    tháng    năm 20…";

    /// <summary>"Việt Yên, ngày 08 tháng 9 năm 2017" (or with blanks for the date).</summary>
    public static string PlaceAndDate(string place, DateOnly? day) =>
        $"{place}, {(day is { } d ? LongDate(d) : BlankLongDate)}";

    /// <summary>"08 giờ 00 phút" in Vietnam time.</summary>
    public static string Time(DateTime utc)
    {
        var local = VietnamTime.ToLocal(utc);
        return $"{local.Hour:00} giờ {local.Minute:00} phút";
    }

    /// <summary>"08/9/2017" in tables, where the long form would not fit (same zero rule as <see cref="LongDate"/>).</summary>
    public static string ShortDate(DateOnly day) =>
        $"{day.Day:00}/{(day.Month <= 2 ? day.Month.ToString("00", Culture) : day.Month.ToString(Culture))}/{day.Year}";

    /// <summary>1.234 with the Vietnamese thousands separator.</summary>
    public static string Number(int value) => value.ToString("N0", Culture);

    public static string Upper(string text) => text.ToUpper(Culture);

    /// <summary>I, II, III … for the groups of a table.</summary>
    public static string Roman(int number)
    {
        (int Value, string Letters)[] numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
        var result = new StringBuilder();
        foreach (var (value, letters) in numerals)
            for (; number >= value; number -= value) result.Append(letters);
        return result.ToString();
    }

    // ---- The header's names, from the organisation tree (unit kinds are data, so these are rules
    // ---- on their names: "Tỉnh ủy", "Huyện ủy", "Đảng ủy xã" are committees; see ADR 0014).

    /// <summary>A committee's kind: "Tỉnh ủy", "Huyện ủy", "Đảng ủy xã", "Đảng ủy phường" — not "Văn phòng Tỉnh ủy".</summary>
    [GeneratedRegex(@"^(?:Đảng ủy (?<level>\p{L}+)|(?<level>\p{L}+) ủy)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CommitteeKind();

    /// <summary>"Bắc Giang" from "Tỉnh ủy Bắc Giang": the unit's name without its kind.</summary>
    public static string Locality(OrgUnit unit)
    {
        var kind = unit.Kind?.Name;
        if (kind is not null && unit.Name.StartsWith(kind + " ", StringComparison.OrdinalIgnoreCase))
            return unit.Name[(kind.Length + 1)..].Trim();
        return unit.Name;
    }

    /// <summary>
    /// The superior body above a unit in the header: for a committee, the Party organisation one
    /// level up ("ĐẢNG BỘ TỈNH BẮC GIANG" above "HUYỆN ỦY VIỆT YÊN"); for a commission, office or
    /// branch, the committee it belongs to ("TỈNH ỦY BẮC GIANG" above "BAN TỔ CHỨC …"). None at the top.
    /// </summary>
    public static string? SuperiorBody(OrgUnit unit)
    {
        if (unit.Parent is not { } parent) return null;
        if (unit.Kind is { } kind && CommitteeKind().IsMatch(kind.Name)
            && parent.Kind is { } parentKind && CommitteeKind().Match(parentKind.Name) is { Success: true } m)
            return Upper($"Đảng bộ {m.Groups["level"].Value} {Locality(parent)}");
        return Upper(parent.Name);
    }

    /// <summary>
    /// The issuing body's sign after the number: the first word of its short name when that is an
    /// abbreviation ("TU Bắc Giang" → TU); else the initials of its name up to "ủy" ("Ban Tổ chức
    /// Tỉnh ủy Bắc Giang" → BTCTU, "Đảng ủy xã Ninh Sơn" → ĐU); else those of its kind ("Chi bộ" → CB).
    /// </summary>
    public static string Sign(OrgUnit unit)
    {
        var first = unit.ShortName?.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (first is { Length: >= 2 and <= 8 } && first.All(char.IsUpper)) return first;
        var words = unit.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var committee = Array.FindLastIndex(words, w => string.Equals(w, "ủy", StringComparison.OrdinalIgnoreCase));
        if (committee < 0) words = (unit.Kind?.Name ?? unit.Name).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new string(words.Take(committee < 0 ? 2 : committee + 1).Select(w => BaseLetter(char.ToUpper(w[0], Culture))).ToArray());
    }

    /// <summary>"Số    -BB/TU": the number itself is given when the paper is registered.</summary>
    public static string NumberLine(string kindSign, OrgUnit unit) => $"Số      -{kindSign}/{Sign(unit)}";

    /// <summary>Ủ → U, but Đ stays Đ (as in "ĐU").</summary>
    private static char BaseLetter(char c) =>
        c == 'Đ' ? c : c.ToString().Normalize(NormalizationForm.FormD)[0];
}
