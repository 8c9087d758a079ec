namespace DoiThoai.Text;

/// <summary>How an earlier text matched: a near-copy by its shingles, or reworded by its syllables.</summary>
public enum SimilarStage { NearCopy, Reworded }

/// <summary>What is compared of a text: its shingle hashes and the set of its fold syllables.</summary>
public sealed record TextFingerprint(IReadOnlyList<string> FoldSyllables, HashSet<ulong> Shingles, HashSet<string> Syllables)
{
    public bool IsEmpty => Syllables.Count == 0;
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
        var fold = Tokens.FoldSyllablesOf(text);
        return new TextFingerprint(fold, (scheme ?? MinHash.Default).ShinglesOf(fold), fold.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>How <paramref name="candidate"/> matches <paramref name="query"/>, or null when it does not.</summary>
    public static (SimilarStage Stage, double Score)? Compare(TextFingerprint query, TextFingerprint candidate,
        double nearCopyThreshold = NearCopyThreshold, double rewordedThreshold = RewordedThreshold)
    {
        var near = MinHash.Jaccard(query.Shingles, candidate.Shingles);
        if (near >= nearCopyThreshold) return (SimilarStage.NearCopy, near);
        var reworded = MinHash.Jaccard(query.Syllables, candidate.Syllables);
        return reworded >= rewordedThreshold ? (SimilarStage.Reworded, reworded) : null;
    }
}
