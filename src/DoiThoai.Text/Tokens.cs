namespace DoiThoai.Text;

/// <summary>Search tokens of one text: syllables and syllable bigrams of the tone-key and of the fold-key.</summary>
/// <param name="ToneSyllables">Syllables of the tone-key, in text order.</param>
/// <param name="FoldSyllables">Syllables of the fold-key, in text order (same positions).</param>
/// <param name="ToneBigrams">Adjacent tone syllables joined by '_' (not across punctuation).</param>
/// <param name="FoldBigrams">Adjacent fold syllables joined by '_' (not across punctuation).</param>
public sealed record SearchTokens(
    IReadOnlyList<string> ToneSyllables,
    IReadOnlyList<string> FoldSyllables,
    IReadOnlyList<string> ToneBigrams,
    IReadOnlyList<string> FoldBigrams);

/// <summary>
/// Tokenising for search and near-duplicates. A syllable is a run of letters and digits in a key;
/// punctuation ends a phrase, and bigrams are only formed inside a phrase. There is deliberately
/// no stop-word list: "không", "chưa", "chẳng" change the meaning of a recommendation and are
/// always kept.
/// </summary>
public static class Tokens
{
    /// <summary>Abbreviations expanded, then both keys, their syllables and bigrams.</summary>
    public static SearchTokens Of(string? text)
    {
        var normalized = SearchKeys.Normalize(Abbreviations.Expand(SearchKeys.Clean(text)));
        var tone = Phrases(SearchKeys.ToneKeyOfNormalized(normalized));
        var fold = Phrases(SearchKeys.FoldKeyOfNormalized(normalized));
        return new SearchTokens(Flatten(tone), Flatten(fold), Bigrams(tone), Bigrams(fold));
    }

    /// <summary>The syllables of a key (or any text), in order.</summary>
    public static IReadOnlyList<string> Syllables(string? key) => Flatten(Phrases(key ?? string.Empty));

    private static List<List<string>> Phrases(string key)
    {
        var phrases = new List<List<string>> { new() };
        var i = 0;
        while (i < key.Length)
        {
            var c = key[i];
            if (SearchKeys.IsSyllableChar(c))
            {
                var start = i;
                while (i < key.Length && SearchKeys.IsSyllableChar(key[i])) i++;
                phrases[^1].Add(key[start..i]);
                continue;
            }
            if (!char.IsWhiteSpace(c) && phrases[^1].Count > 0) phrases.Add([]);
            i++;
        }
        return phrases;
    }

    private static List<string> Flatten(List<List<string>> phrases) => phrases.SelectMany(p => p).ToList();

    private static List<string> Bigrams(List<List<string>> phrases)
    {
        var bigrams = new List<string>();
        foreach (var phrase in phrases)
        {
            for (var k = 1; k < phrase.Count; k++) bigrams.Add(phrase[k - 1] + "_" + phrase[k]);
        }
        return bigrams;
    }
}
