namespace DoiThoai.Text;

/// <summary>
/// Near-duplicate signatures (ADR 0009). A text becomes a set of shingles: runs of
/// <see cref="ShingleSize"/> consecutive syllables of its fold-key, so "hòa"/"hoà"/"hoa" and
/// "Tỉnh ủy"/"TU" all agree. Its MinHash signature keeps, for each of <c>Bands × Rows</c> fixed hash
/// functions, the smallest hash over the shingles; two texts share one signature value with
/// probability equal to the Jaccard similarity of their shingle sets. LSH groups the values into
/// bands: texts sharing any whole band become candidates, which <see cref="Jaccard"/> then verifies.
/// Everything is deterministic (fixed seeds, no string.GetHashCode), so every node and every
/// rebuild computes the same keys.
/// </summary>
/// <param name="shingleSize">Syllables per shingle.</param>
/// <param name="bands">LSH bands; each becomes one band key.</param>
/// <param name="rows">Signature values per band.</param>
public sealed class MinHash(int shingleSize, int bands, int rows)
{
    public int ShingleSize { get; } = shingleSize > 0 ? shingleSize : throw new ArgumentOutOfRangeException(nameof(shingleSize));
    public int Bands { get; } = bands > 0 ? bands : throw new ArgumentOutOfRangeException(nameof(bands));
    public int Rows { get; } = rows > 0 ? rows : throw new ArgumentOutOfRangeException(nameof(rows));

    /// <summary>
    /// Syllable pairs: the shingles whose Jaccard decides whether a candidate is a near-copy
    /// (<see cref="SimilarText"/>). The app's LSH bands are over single syllables, a scheme of their
    /// own (ADR 0024); these bands and rows are what the similar-quality benchmark compares them with.
    /// </summary>
    public static readonly MinHash Default = new(shingleSize: 2, bands: 16, rows: 4);

    private readonly ulong[] seeds = MakeSeeds(bands * rows);

    /// <summary>The shingle hashes of a text (empty when it has no syllables).</summary>
    public HashSet<ulong> Shingles(string? text) => ShinglesOf(Tokens.FoldSyllablesOf(text));

    /// <summary>The shingle hashes of fold syllables already computed.</summary>
    public HashSet<ulong> ShinglesOf(IReadOnlyList<string> syllables)
    {
        var set = new HashSet<ulong>();
        if (syllables.Count == 0) return set;
        // A text shorter than one shingle is one shingle of all its syllables.
        var size = Math.Min(ShingleSize, syllables.Count);
        for (var start = 0; start + size <= syllables.Count; start++)
        {
            var hash = Fnv.Offset;
            for (var k = 0; k < size; k++)
            {
                if (k > 0) hash = Fnv.Add(hash, ' ');
                foreach (var c in syllables[start + k]) hash = Fnv.Add(hash, c);
            }
            set.Add(Mix(hash));
        }
        return set;
    }

    /// <summary>
    /// <see cref="ShinglesOf"/> over syllables given as ranges of <paramref name="key"/>: the same hashes,
    /// repeats included, in text order.
    /// </summary>
    internal ulong[] ShingleHashes(string key, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths)
    {
        if (starts.Length == 0) return [];
        var size = Math.Min(ShingleSize, starts.Length);
        var hashes = new ulong[starts.Length - size + 1];
        for (var start = 0; start < hashes.Length; start++)
        {
            var hash = Fnv.Offset;
            for (var k = 0; k < size; k++)
            {
                if (k > 0) hash = Fnv.Add(hash, ' ');
                foreach (var c in key.AsSpan(starts[start + k], lengths[start + k])) hash = Fnv.Add(hash, c);
            }
            hashes[start] = Mix(hash);
        }
        return hashes;
    }

    /// <summary>A 64-bit hash of one syllable (FNV-1a, then <see cref="Mix"/>).</summary>
    internal static ulong HashOf(ReadOnlySpan<char> syllable)
    {
        var hash = Fnv.Offset;
        foreach (var c in syllable) hash = Fnv.Add(hash, c);
        return Mix(hash);
    }

    /// <summary>The MinHash signature: for each hash function the smallest value over the shingles.</summary>
    public ulong[] Signature(IReadOnlyCollection<ulong> shingles)
    {
        var seedList = seeds;
        var signature = new ulong[seedList.Length];
        Array.Fill(signature, ulong.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < seedList.Length; i++)
            {
                var value = Mix(shingle ^ seedList[i]);
                if (value < signature[i]) signature[i] = value;
            }
        }
        return signature;
    }

    /// <summary>
    /// One 32-bit hash per band of the signature's rows (none for a text without syllables). At
    /// 1,000,000 items a random clash in a band is about one in 4,000 per lookup, and every candidate
    /// is verified on its text anyway.
    /// </summary>
    public uint[] BandHashes(string? text) => BandHashesOf(Shingles(text));

    public uint[] BandHashesOf(IReadOnlyCollection<ulong> shingles)
    {
        if (shingles.Count == 0) return [];
        var signature = Signature(shingles);
        var hashes = new uint[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = (ulong)band;
            for (var row = 0; row < Rows; row++) hash = Mix(hash * 31 + signature[band * Rows + row]);
            hashes[band] = (uint)(hash >> 32);
        }
        return hashes;
    }

    /// <summary>
    /// The probability that two texts with shingle Jaccard <paramref name="similarity"/> share at
    /// least one band: 1 − (1 − s^r)^b.
    /// </summary>
    public double CandidateProbability(double similarity) => 1 - Math.Pow(1 - Math.Pow(similarity, Rows), Bands);

    /// <summary>Exact Jaccard similarity |A ∩ B| / |A ∪ B| (0 when both are empty).</summary>
    public static double Jaccard<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        if (a.Count == 0 && b.Count == 0) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var common = small.Count(large.Contains);
        return (double)common / (a.Count + b.Count - common);
    }

    /// <summary>
    /// Overlap coefficient |A ∩ B| / min(|A|, |B|): how much of the shorter text the other one
    /// contains, whatever was added around it (used for reworded items over syllable sets).
    /// </summary>
    public static double Overlap<T>(IReadOnlySet<T> a, IReadOnlySet<T> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return (double)small.Count(large.Contains) / small.Count;
    }

    private static ulong[] MakeSeeds(int count)
    {
        // SplitMix64 from a fixed start: the same seeds in every process, forever.
        var seedsMade = new ulong[count];
        var state = 0x5DEECE66DUL;
        for (var i = 0; i < count; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seedsMade[i] = Mix(state);
        }
        return seedsMade;
    }

    /// <summary>The SplitMix64 finaliser: spreads every input bit over the whole 64-bit value.</summary>
    internal static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static class Fnv
    {
        public const ulong Offset = 0xCBF29CE484222325UL;
        public static ulong Add(ulong hash, char c) => (hash ^ c) * 0x100000001B3UL;
    }
}
