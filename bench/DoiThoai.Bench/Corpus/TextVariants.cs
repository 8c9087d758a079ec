using System.Globalization;
using System.Text;

namespace DoiThoai.Bench.Corpus;

/// <summary>The ways an office types "the same" item again: the other tone placement, no diacritics, a few words changed, reworded.</summary>
internal static class TextVariants
{
    // Old-style ("hoà", "uỷ") and new-style ("hòa", "ủy") placement of the tone in oa, oe, uy.
    private static readonly (string Old, string New)[] Placements = BuildPlacements();

    private static (string, string)[] BuildPlacements()
    {
        var pairs = new List<(string, string)>();
        string[] tones = ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323"];
        foreach (var (first, second) in new[] { ('o', 'a'), ('o', 'e'), ('u', 'y'), ('O', 'A'), ('U', 'Y') })
            foreach (var tone in tones)
                pairs.Add(($"{first}{second}{tone}".Normalize(NormalizationForm.FormC), $"{first}{tone}{second}".Normalize(NormalizationForm.FormC)));
        return [.. pairs];
    }

    /// <summary>Writes every oa/oe/uy syllable with the other placement ("hòa" ↔ "hoà", "Tỉnh ủy" ↔ "Tỉnh uỷ").</summary>
    public static string SwapTonePlacement(string text)
    {
        const char Marker = '\uE000';
        var swapped = text;
        // Through a private-use marker so a pair swapped one way is not swapped back.
        for (var i = 0; i < Placements.Length; i++)
            swapped = swapped.Replace(Placements[i].Old, $"{Marker}{(char)('A' + i)}{Marker}");
        foreach (var (old, @new) in Placements) swapped = swapped.Replace(@new, old);
        for (var i = 0; i < Placements.Length; i++)
            swapped = swapped.Replace($"{Marker}{(char)('A' + i)}{Marker}", Placements[i].New);
        return swapped;
    }

    /// <summary>"Không dấu" as typed on a keyboard without Vietnamese input: marks dropped, đ → d, case kept.</summary>
    public static string StripDiacritics(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var plain = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            plain.Append(c switch { 'đ' => 'd', 'Đ' => 'D', _ => c });
        }
        return plain.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Substitutes, deletes or inserts words at <paramref name="rate"/> of the positions (at least one).</summary>
    public static string EditWords(string text, double rate, Random rng)
    {
        var words = text.Split(' ').ToList();
        var edits = Math.Max(1, (int)Math.Round(rate * words.Count));
        var positions = Enumerable.Range(0, words.Count).OrderBy(_ => rng.Next()).Take(edits).OrderDescending();
        foreach (var at in positions)
        {
            var roll = rng.NextDouble();
            var filler = PartyVocabulary.Fillers[rng.Next(PartyVocabulary.Fillers.Length)];
            if (roll < 0.6) words[at] = filler;
            else if (roll < 0.8 && words.Count > 1) words.RemoveAt(at);
            else words.Insert(at + 1, filler);
        }
        return string.Join(' ', words);
    }

    /// <summary>Rewords with synonyms, moves the sentences after the first one around, adds a lead-in and edits 15% of the words.</summary>
    public static string Paraphrase(string text, Random rng)
    {
        var reworded = text;
        foreach (var (a, b) in PartyVocabulary.Synonyms)
        {
            if (rng.NextDouble() < 0.3) continue;
            reworded = reworded.Contains(a, StringComparison.Ordinal) ? reworded.Replace(a, b) : reworded.Replace(b, a);
        }
        var sentences = reworded.Split(". ").ToList();
        var rest = sentences.Skip(1).OrderBy(_ => rng.Next()).ToList();
        string[] leads = ["Nhắc lại ý kiến kỳ trước:", "Một lần nữa cử tri nêu:", "Ý kiến tương tự:"];
        return EditWords($"{leads[rng.Next(leads.Length)]} {string.Join(". ", rest.Prepend(sentences[0]))}", 0.15, rng);
    }
}
