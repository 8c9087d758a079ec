using System.Buffers;

namespace DoiThoai.Text;

/// <summary>How an earlier text matched: a near-copy by its shingles, or reworded by its syllables.</summary>
public enum SimilarStage { NearCopy, Reworded }

/// <summary>
/// What is compared of a text: its shingle hashes (<see cref="MinHash.ShinglesOf"/>) and hashes of its
/// distinct fold syllables, each sorted and without repeats. A lookup fingerprints every candidate
/// (up to 70), so these are two arrays made from the fold-key in one pass: no string per syllable and
/// no hash sets (they were most of a lookup's allocations at 1,000,000 items). The syllables as
/// strings are made only when asked for (the query's reworded stage).
/// </summary>
public sealed class TextFingerprint
{
    private readonly string foldKey;
    private IReadOnlyList<string>? foldSyllables;

    internal TextFingerprint(string foldKey, ulong[] shingles, ulong[] syllables) =>
        (this.foldKey, Shingles, Syllables) = (foldKey, shingles, syllables);

    /// <summary>The fold syllables in text order (<see cref="SearchTokens.FoldSyllables"/>).</summary>
    public IReadOnlyList<string> FoldSyllables => foldSyllables ??= Tokens.Syllables(foldKey);

    /// <summary>The distinct shingle hashes, ascending: the set <see cref="MinHash.Shingles"/> gives.</summary>
    public ulong[] Shingles { get; }

    /// <summary>A 64-bit hash of each distinct fold syllable, ascending.</summary>
    public ulong[] Syllables { get; }

    public bool IsEmpty => Syllables.Length == 0;
}

/// <summary>
/// The verification step of near-duplicate lookup (ADR 0009), shared by the app and the benchmark so
/// both judge candidates alike. The index only proposes candidates; these exact measures decide.
/// </summary>
public static class SimilarText
{
    /// <summary>Shingle Jaccard from which a candidate counts as a near-copy.</summary>
    public const double NearCopyThreshold = 0.5;

    /// <summary>Jaccard of syllable sets from which a candidate counts as reworded.</summary>
    public const double RewordedThreshold = 0.55;

    public static TextFingerprint Fingerprint(string? text, MinHash? scheme = null)
    {
        var key = Tokens.FoldKeyOf(text);
        var starts = ArrayPool<int>.Shared.Rent(key.Length / 2 + 1);
        var lengths = ArrayPool<int>.Shared.Rent(key.Length / 2 + 1);
        try
        {
            // The syllables as Tokens cuts them: runs of syllable characters of the fold-key.
            var count = 0;
            for (var i = 0; i < key.Length;)
            {
                if (!SearchKeys.IsSyllableChar(key[i])) { i++; continue; }
                var start = i;
                while (i < key.Length && SearchKeys.IsSyllableChar(key[i])) i++;
                (starts[count], lengths[count]) = (start, i - start);
                count++;
            }
            var syllables = new ulong[count];
            for (var s = 0; s < count; s++) syllables[s] = MinHash.HashOf(key.AsSpan(starts[s], lengths[s]));
            var shingles = (scheme ?? MinHash.Default).ShingleHashes(key, starts.AsSpan(0, count), lengths.AsSpan(0, count));
            return new TextFingerprint(key, SortedDistinct(shingles), SortedDistinct(syllables));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(starts);
            ArrayPool<int>.Shared.Return(lengths);
        }
    }

    /// <summary>How <paramref name="candidate"/> matches <paramref name="query"/>, or null when it does not.</summary>
    public static (SimilarStage Stage, double Score)? Compare(TextFingerprint query, TextFingerprint candidate,
        double nearCopyThreshold = NearCopyThreshold, double rewordedThreshold = RewordedThreshold)
    {
        var near = Jaccard(query.Shingles, candidate.Shingles);
        if (near >= nearCopyThreshold) return (SimilarStage.NearCopy, near);
        var reworded = Jaccard(query.Syllables, candidate.Syllables);
        return reworded >= rewordedThreshold ? (SimilarStage.Reworded, reworded) : null;
    }

    private static ulong[] SortedDistinct(ulong[] values)
    {
        if (values.Length < 2) return values;
        Array.Sort(values);
        var kept = 1;
        for (var i = 1; i < values.Length; i++)
            if (values[i] != values[kept - 1]) values[kept++] = values[i];
        return kept == values.Length ? values : values[..kept];
    }

    /// <summary><see cref="MinHash.Jaccard"/> of two ascending arrays without repeats, by one merge.</summary>
    private static double Jaccard(ulong[] a, ulong[] b)
    {
        if (a.Length == 0 && b.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { common++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)common / (a.Length + b.Length - common);
    }
}
