using System.Globalization;
using System.Text;

namespace DoiThoai.Text;

/// <summary>
/// Search keys for Vietnamese text (DESIGN.md, "Vietnamese text rules"). Every key starts from
/// <see cref="Normalize"/>; on top of it:
/// <list type="bullet">
/// <item><see cref="ToneKey"/> keeps the tones but ignores where the tone mark was typed
/// ("hòa" = "hoà" = "ho\u0300a"; "thủy" = "thuỷ"; "quý" = "qúy").</item>
/// <item><see cref="FoldKey"/> is "không dấu": no marks at all and đ → d.</item>
/// </list>
/// Tone-key approach: each syllable (a run of letters, digits and combining marks) is decomposed
/// (NFD), its tone mark (grave, acute, tilde, hook above, dot below) is taken out, and it is put
/// back on one canonical vowel chosen by the "new style" rule (kiểu mới): the last vowel carrying a
/// circumflex, breve or horn; else, when a final consonant follows, the last vowel; else in an
/// open syllable "oa", "oe", "uy" take it on the second vowel, other two-vowel clusters on the
/// first, three-vowel clusters on the middle one ("qu" and "gi" + vowel count as initials). The
/// result is recomposed (NFC), so the key stays readable Vietnamese ("hòa" → "hoà",
/// "thủy" → "thuỷ", "qúy" → "quý"). The placement is only a canonical choice: any two spellings
/// that differ only in where the tone sits get the same key.
/// </summary>
public static class SearchKeys
{
    private static readonly TextInfo Lower = VietnameseText.Culture.TextInfo;

    /// <summary>
    /// NFKC (full-width letters to ASCII), NBSP/zero-width and other spaces to a space, soft
    /// hyphen/ZWJ/ZWNJ/BOM/word joiner dropped, quotes to ' and ", dashes to -, control characters
    /// to space, unpaired surrogates dropped, whitespace collapsed and trimmed, lower-cased with vi-VN.
    /// </summary>
    public static string Normalize(string? text) => Lower.ToLower(Clean(text));

    /// <summary>vi-VN lower-casing of text already cleaned.</summary>
    internal static string LowerCase(string cleaned) => Lower.ToLower(cleaned);

    /// <summary><see cref="Normalize"/> without the lower-casing (abbreviations are case-sensitive).</summary>
    internal static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return string.Empty;
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    builder.Append(c).Append(text[++i]);
                }
                continue;
            }
            if (char.IsLowSurrogate(c)) continue;
            switch (c)
            {
                case '\u00AD' or '\u200C' or '\u200D' or '\uFEFF' or '\u2060' or '\u180E':
                    continue; // invisible: joins the word it sits in
                case '\u200B':
                    builder.Append(' '); // zero-width space separates words ("Ban\u200BTổ chức")
                    continue;
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u0060' or '\u00B4' or '\u02BC' or '\uFF07':
                    builder.Append('\'');
                    continue;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB' or '\uFF02':
                    builder.Append('"');
                    continue;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' or '\uFF0D':
                    builder.Append('-');
                    continue;
            }
            builder.Append(char.IsWhiteSpace(c) || char.IsControl(c) ? ' ' : c);
        }
        var cleaned = builder.ToString();
        var kc = Latin.IsKcStable(cleaned) ? cleaned : cleaned.Normalize(NormalizationForm.FormKC);
        // Collapse whitespace (NFKC can itself produce spaces, e.g. from U+2002).
        builder.Clear();
        var pendingSpace = false;
        foreach (var c in kc)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            if (pendingSpace) builder.Append(' ');
            pendingSpace = false;
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>The tone-key: <see cref="Normalize"/>, then every tone mark on its canonical vowel.</summary>
    public static string ToneKey(string? text) => ToneKeyOfNormalized(Normalize(text));

    /// <summary>The fold-key ("không dấu"): <see cref="Normalize"/>, all marks removed, đ → d.</summary>
    public static string FoldKey(string? text) => FoldKeyOfNormalized(Normalize(text));

    internal static string FoldKeyOfNormalized(string normalized) => Latin.Fold(normalized) ?? FoldBySteps(normalized);

    private static string FoldBySteps(string normalized)
    {
        var d = normalized.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(d.Length);
        foreach (var c in d)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    internal static string ToneKeyOfNormalized(string normalized)
    {
        var d = normalized.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(d.Length + 4);
        var i = 0;
        while (i < d.Length)
        {
            if (!IsSyllableChar(d[i]))
            {
                builder.Append(d[i++]);
                continue;
            }
            var start = i;
            while (i < d.Length && IsSyllableChar(d[i])) i++;
            AppendSyllable(builder, d.AsSpan(start, i - start));
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    internal static bool IsSyllableChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;

    internal static bool IsToneMark(char c) => c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';

    private static bool IsVowelModifier(char c) => c is '\u0302' or '\u0306' or '\u031B';

    private static bool IsVowel(char c) => char.ToLowerInvariant(c) is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';

    /// <summary>
    /// Toned syllables already placed. Everyday Vietnamese uses a few thousand syllables, and every
    /// item indexed or compared is tokenised, so each is worked out once; the cache stops growing at
    /// <see cref="MaxPlacedSyllables"/> so made-up words cannot fill the memory.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Placed = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> PlacedBySpan =
        Placed.GetAlternateLookup<ReadOnlySpan<char>>();
    private const int MaxPlacedSyllables = 50_000;

    /// <summary>Appends one decomposed syllable with its tone (if any) on the canonical vowel.</summary>
    private static void AppendSyllable(StringBuilder builder, ReadOnlySpan<char> syllable)
    {
        if (syllable.IndexOfAny("\u0300\u0301\u0303\u0309\u0323") < 0)
        {
            builder.Append(syllable); // no tone: nothing to move
            return;
        }
        if (PlacedBySpan.TryGetValue(syllable, out var known))
        {
            builder.Append(known);
            return;
        }
        var start = builder.Length;
        PlaceTone(builder, syllable);
        if (Placed.Count < MaxPlacedSyllables) Placed.TryAdd(syllable.ToString(), builder.ToString(start, builder.Length - start));
    }

    private static void PlaceTone(StringBuilder builder, ReadOnlySpan<char> syllable)
    {
        // Units: a base character and its non-tone marks.
        var bases = new StringBuilder(syllable.Length);
        var modified = new List<bool>(syllable.Length);
        var plain = new StringBuilder(syllable.Length);
        char? tone = null;
        foreach (var c in syllable)
        {
            if (IsToneMark(c))
            {
                tone = c;
                continue;
            }
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                if (IsVowelModifier(c) && modified.Count > 0) modified[^1] = true;
            }
            else
            {
                bases.Append(c);
                modified.Add(false);
            }
            plain.Append(c);
        }
        if (tone is null || bases.Length == 0)
        {
            builder.Append(syllable);
            return;
        }
        var target = TonePosition(bases.ToString(), modified);
        if (target < 0)
        {
            builder.Append(syllable);
            return;
        }
        // Re-emit the syllable with the tone after the target unit's marks (NFC reorders marks).
        var unit = -1;
        var p = plain.ToString();
        for (var k = 0; k < p.Length; k++)
        {
            var c = p[k];
            var isMark = CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
            if (!isMark) unit++;
            builder.Append(c);
            var nextIsMark = k + 1 < p.Length && CharUnicodeInfo.GetUnicodeCategory(p[k + 1]) == UnicodeCategory.NonSpacingMark;
            if (unit == target && !nextIsMark) builder.Append(tone.Value);
        }
    }

    /// <summary>Index of the base letter that carries the tone (new style), or -1 when no vowel.</summary>
    private static int TonePosition(string bases, List<bool> modified)
    {
        var lower = bases.ToLowerInvariant();
        var first = -1;
        for (var k = 0; k < lower.Length; k++)
        {
            if (IsVowel(lower[k]))
            {
                first = k;
                break;
            }
        }
        if (first < 0) return -1;
        var end = first;
        while (end < lower.Length && IsVowel(lower[end])) end++;
        // "qu" + vowel and "gi" + vowel: the u / i belongs to the initial.
        if (end - first >= 2 && first > 0 &&
            ((lower[first - 1] == 'q' && lower[first] == 'u') || (lower[first - 1] == 'g' && lower[first] == 'i')))
        {
            first++;
        }
        for (var k = end - 1; k >= first; k--)
        {
            if (modified[k]) return k;
        }
        var length = end - first;
        if (length == 1) return first;
        if (end < lower.Length) return end - 1; // closed syllable: last vowel
        if (length == 2)
        {
            var pair = lower.Substring(first, 2);
            return pair is "oa" or "oe" or "uy" ? first + 1 : first;
        }
        return first + 1;
    }

    /// <summary>
    /// The keys of Latin-script text without the Unicode normalisations. Every item indexed, compared
    /// or highlighted goes through <see cref="Clean"/> and the fold-key, and the three ICU
    /// normalisations they ask for (NFKC, then NFD and NFC) were a tenth of a similar-items lookup at
    /// 1,000,000 items (docs/benchmarks.md, session 6). Vietnamese text is precomposed Latin letters:
    /// each character's fold is looked up in a table made once by the normalising path itself, one
    /// character at a time, so both paths give the same keys. Text with any character outside the
    /// table (other scripts, compatibility forms, a combining mark that could compose) takes the
    /// normalising path.
    /// </summary>
    private static class Latin
    {
        private const char Outside = '\uFFFF';
        private const char Dropped = '\0';
        private static readonly char[] Folds = new char[0x1F00];
        private static readonly bool[] KcStable = new bool[0x1F00];

        static Latin()
        {
            Array.Fill(Folds, Outside);
            for (var c = 1; c < Folds.Length; c++)
            {
                if (c is > 0x24F and < 0x300 or > 0x36F and < 0x1E00) continue;
                var one = ((char)c).ToString();
                // A combining mark is not stable on its own: NFKC may put it on the letter before it.
                KcStable[c] = CharUnicodeInfo.GetUnicodeCategory((char)c) != UnicodeCategory.NonSpacingMark
                    && one.IsNormalized(NormalizationForm.FormKC);
                var folded = FoldBySteps(one);
                if (folded.Length <= 1) Folds[c] = folded.Length == 0 ? Dropped : folded[0];
            }
        }

        /// <summary>Whether NFKC leaves <paramref name="text"/> as it is, by the table; false when it cannot tell.</summary>
        public static bool IsKcStable(string text)
        {
            foreach (var c in text)
                if (c >= KcStable.Length || !KcStable[c]) return false;
            return true;
        }

        /// <summary>The fold-key of normalised text, or null when a character is outside the table.</summary>
        public static string? Fold(string normalized)
        {
            var buffer = normalized.Length <= 512 ? stackalloc char[normalized.Length] : new char[normalized.Length];
            var length = 0;
            foreach (var c in normalized)
            {
                var folded = c < Folds.Length ? Folds[c] : Outside;
                if (folded == Outside) return null;
                if (folded != Dropped) buffer[length++] = folded;
            }
            return new string(buffer[..length]);
        }
    }
}
