namespace DoiThoai.Text;

/// <summary>
/// Search tokens of one text: syllables and syllable bigrams of the tone-key and of the fold-key.
/// Bigrams are made when first asked for: indexing, which needs only the syllables, tokenises every
/// item and should not pay for strings it throws away.
/// </summary>
public sealed class SearchTokens
{
    private readonly List<List<string>> tonePhrases;
    private readonly List<List<string>> foldPhrases;
    private IReadOnlyList<string>? toneBigrams;
    private IReadOnlyList<string>? foldBigrams;

    internal SearchTokens(List<List<string>> tonePhrases, List<List<string>> foldPhrases)
    {
        this.tonePhrases = tonePhrases;
        this.foldPhrases = foldPhrases;
        ToneSyllables = Tokens.Flatten(tonePhrases);
        FoldSyllables = Tokens.Flatten(foldPhrases);
    }

    /// <summary>Syllables of the tone-key, in text order.</summary>
    public IReadOnlyList<string> ToneSyllables { get; }

    /// <summary>Syllables of the fold-key, in text order (same positions).</summary>
    public IReadOnlyList<string> FoldSyllables { get; }

    /// <summary>Adjacent tone syllables joined by '_' (not across punctuation).</summary>
    public IReadOnlyList<string> ToneBigrams => toneBigrams ??= Tokens.Bigrams(tonePhrases);

    /// <summary>Adjacent fold syllables joined by '_' (not across punctuation).</summary>
    public IReadOnlyList<string> FoldBigrams => foldBigrams ??= Tokens.Bigrams(foldPhrases);
}

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
        var normalized = Normalized(text);
        var tone = Phrases(SearchKeys.ToneKeyOfNormalized(normalized));
        var fold = Phrases(SearchKeys.FoldKeyOfNormalized(normalized));
        return new SearchTokens(tone, fold);
    }

    /// <summary>
    /// <see cref="SearchTokens.FoldSyllables"/> of <see cref="Of"/> without the tone-key, which a
    /// near-duplicate check never looks at and which costs as much again.
    /// </summary>
    public static IReadOnlyList<string> FoldSyllablesOf(string? text) => Flatten(Phrases(FoldKeyOf(text)));

    /// <summary>The fold-key of <paramref name="text"/> after the abbreviations are expanded, as <see cref="Of"/> cuts it.</summary>
    internal static string FoldKeyOf(string? text) => SearchKeys.FoldKeyOfNormalized(Normalized(text));

    // Clean once: the expansions are clean text already, so only the lower-casing remains.
    private static string Normalized(string? text) => SearchKeys.LowerCase(Abbreviations.Expand(SearchKeys.Clean(text)));

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

    internal static List<string> Flatten(List<List<string>> phrases) => phrases.SelectMany(p => p).ToList();

    internal static List<string> Bigrams(List<List<string>> phrases)
    {
        var bigrams = new List<string>();
        foreach (var phrase in phrases)
        {
            for (var k = 1; k < phrase.Count; k++) bigrams.Add(phrase[k - 1] + "_" + phrase[k]);
        }
        return bigrams;
    }
}
