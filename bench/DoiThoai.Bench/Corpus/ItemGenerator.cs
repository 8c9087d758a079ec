using System.Globalization;
using System.Text;

namespace DoiThoai.Bench.Corpus;

/// <summary>How a generated item relates to an earlier one (the ground truth of the quality runs).</summary>
internal enum VariantKind { Original, TonePlacement, NoDiacritics, Edit5, Edit10, Edit20, Paraphrase }

internal sealed record GeneratedItem(int Seq, string Text, string? Answer, VariantKind Kind, int? SourceSeq, int TopicIndex, bool Classified);

/// <summary>
/// Deterministic items: item <c>seq</c> depends only on the seed and <c>seq</c>, so a million of them
/// need no memory, a variant can rebuild its source, and two runs with the same seed write the same
/// database. Originals recombine Party-work sentences (<see cref="PartyVocabulary"/>) with the uit-vsfc
/// sentences; about 14% are planted variants of an earlier original (tone placement, no diacritics,
/// 5/10/20% of the words edited, paraphrase).
/// </summary>
internal sealed class ItemGenerator(IReadOnlyList<string> sentences, int seed, int topicCount)
{
    public const int ItemsPerSession = 50;
    private const int FirstVariant = 100;

    /// <summary>Reads the corpus, one sentence a line, and tidies its tokenised spacing ("đầy đủ ." → "Đầy đủ.").</summary>
    public static IReadOnlyList<string> LoadSentences(string path) =>
        File.ReadLines(path).Select(Tidy).Where(s => s.Length >= 12).ToList();

    public GeneratedItem Get(int seq)
    {
        var kind = KindOf(seq);
        var rng = RandomFor(seq, 1);
        var topic = rng.Next(topicCount);
        var classified = rng.NextDouble() < 0.45;
        var answer = classified && rng.NextDouble() < 0.55 ? Pick(rng, PartyVocabulary.Answers) : null;
        if (kind == VariantKind.Original) return new(seq, Compose(seq), answer, kind, null, topic, classified);

        var source = SourceOf(seq, rng);
        var text = Compose(source);
        text = kind switch
        {
            VariantKind.TonePlacement => TextVariants.SwapTonePlacement(text),
            VariantKind.NoDiacritics => TextVariants.StripDiacritics(text),
            VariantKind.Edit5 => TextVariants.EditWords(text, 0.05, rng),
            VariantKind.Edit10 => TextVariants.EditWords(text, 0.10, rng),
            VariantKind.Edit20 => TextVariants.EditWords(text, 0.20, rng),
            _ => TextVariants.Paraphrase(text, rng),
        };
        return new(seq, text, answer, kind, source, topic, classified);
    }

    public VariantKind KindOf(int seq)
    {
        if (seq < FirstVariant) return VariantKind.Original;
        var roll = RandomFor(seq, 0).NextDouble();
        return roll switch
        {
            < 0.03 => VariantKind.TonePlacement,
            < 0.06 => VariantKind.NoDiacritics,
            < 0.08 => VariantKind.Edit5,
            < 0.10 => VariantKind.Edit10,
            < 0.12 => VariantKind.Edit20,
            < 0.14 => VariantKind.Paraphrase,
            _ => VariantKind.Original,
        };
    }

    /// <summary>An earlier original, usually from another session, often from long before.</summary>
    private int SourceOf(int seq, Random rng)
    {
        var source = rng.Next(seq);
        while (KindOf(source) != VariantKind.Original) source--;
        return source;
    }

    private string Compose(int seq)
    {
        var rng = RandomFor(seq, 2);
        var count = rng.Next(2, 7);
        var text = new StringBuilder(Request(rng));
        for (var i = 1; i < count; i++)
        {
            text.Append(' ');
            var roll = rng.NextDouble();
            text.Append(roll < 0.5 ? Pick(rng, sentences)
                : roll < 0.8 ? Matter(rng)
                : Pick(rng, PartyVocabulary.Closings));
        }
        return text.ToString();
    }

    private static string Request(Random rng) =>
        $"{Pick(rng, PartyVocabulary.Speakers)} {Pick(rng, PartyVocabulary.Places)} {Pick(rng, PartyVocabulary.Requests)} " +
        $"{Pick(rng, PartyVocabulary.Bodies)} {Pick(rng, PartyVocabulary.Actions)} {Pick(rng, PartyVocabulary.Matters)}.";

    private static string Matter(Random rng)
    {
        var matter = Pick(rng, PartyVocabulary.Matters);
        return $"{char.ToUpper(matter[0], CultureInfo.InvariantCulture)}{matter[1..]} ở {Pick(rng, PartyVocabulary.Places)} " +
            $"{Pick(rng, PartyVocabulary.Actions)} {Pick(rng, PartyVocabulary.Fillers)}.";
    }

    /// <summary>
    /// A generator per item and purpose, seeded by a fixed mix (SplitMix64's finaliser) of seed, seq
    /// and stream: not HashCode.Combine, whose seed changes with every process.
    /// </summary>
    private Random RandomFor(int seq, int stream)
    {
        var x = unchecked(((ulong)(uint)seed << 32 | (uint)seq) * 0x9E3779B97F4A7C15UL + (ulong)stream);
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        return new Random((int)(x ^ (x >> 31)));
    }

    private static T Pick<T>(Random rng, IReadOnlyList<T> list) => list[rng.Next(list.Count)];

    private static string Tidy(string line)
    {
        var s = line.Trim().Replace(" .", ".").Replace(" ,", ",").Replace(" ?", "?").Replace(" !", "!");
        if (s.Length == 0) return s;
        if (!".?!".Contains(s[^1])) s += ".";
        return char.ToUpper(s[0], CultureInfo.GetCultureInfo("vi-VN")) + s[1..];
    }
}
