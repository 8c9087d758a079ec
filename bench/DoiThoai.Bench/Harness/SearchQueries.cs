using DoiThoai.Bench.Corpus;
using DoiThoai.Text;
using DoiThoai.Web.Features.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DoiThoai.Bench.Harness;

/// <summary>A named list of queries, sent round-robin.</summary>
internal sealed record QuerySet(string Name, IReadOnlyList<string> Queries);

/// <summary>
/// The three query sets of issue 4 — a random mix, one term found in about 70% of the items, a common
/// phrase — drawn deterministically from the generated items, and the engine-side query built as
/// <see cref="SearchService"/> builds it (every fold syllable required, tone syllables boosting).
/// </summary>
internal static class SearchQueries
{
    private const int Sample = 20_000;
    public const string CommonPhrase = "bi thu chi bo";

    public static IReadOnlyList<QuerySet> Build(ItemGenerator generator, int items, int seed)
    {
        var rng = new Random(seed);
        var sample = Math.Min(items, Sample);
        var mix = new List<string>();
        while (mix.Count < 200)
        {
            var text = generator.Get(rng.Next(items)).Text;
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('.', ',', '?', '!', ':', ';')).Where(w => w.Length > 0).ToArray();
            var length = rng.Next(1, 4);
            if (words.Length <= length) continue;
            var start = rng.Next(words.Length - length);
            var window = string.Join(' ', words[start..(start + length)]);
            var roll = rng.NextDouble();
            mix.Add(roll < 0.45 ? window
                : roll < 0.75 ? TextVariants.StripDiacritics(window).ToLowerInvariant()
                : roll < 0.9 ? TextVariants.SwapTonePlacement(window)
                : PartyVocabulary.Matters[rng.Next(PartyVocabulary.Matters.Length)]);
        }
        return
        [
            new("random mix", mix),
            new($"term in ~70% of items (\"{FrequentTerm(generator, sample, 0.70)}\")", [FrequentTerm(generator, sample, 0.70)]),
            new($"common phrase (\"{CommonPhrase}\")", [CommonPhrase]),
        ];
    }

    /// <summary>The tone syllable whose share of items (over the first <paramref name="sample"/>) is closest to <paramref name="share"/>.</summary>
    private static string FrequentTerm(ItemGenerator generator, int sample, double share)
    {
        var documents = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seq = 0; seq < sample; seq++)
        {
            var item = generator.Get(seq);
            var tokens = Tokens.Of(item.Answer is null ? item.Text : item.Text + "\n" + item.Answer);
            foreach (var syllable in tokens.ToneSyllables.Distinct())
                documents[syllable] = documents.GetValueOrDefault(syllable) + 1;
        }
        return documents.MinBy(d => Math.Abs(d.Value - share * sample)).Key;
    }

    /// <summary>The query <see cref="SearchService"/> sends to Lucene for <paramref name="text"/>, without filters.</summary>
    public static SyllableQuery EngineQuery(string text) => SyllableQuery.Of(text);
}
