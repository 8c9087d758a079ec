using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// How many documents hold a term, remembered per index segment. Queries decide from these counts
/// which syllables are common (<see cref="SyllableQuery"/>) or rarest (near-duplicates), and asking
/// Lucene costs a terms-dictionary seek in every segment each time. A segment's counts never change
/// (deletions do not lower them), so they are kept as long as the segment is, for a bounded number of
/// terms per segment: a stream of made-up words cannot grow the memory without end.
/// </summary>
public static class TermFrequencies
{
    private const int MaxTermsPerSegment = 200_000;
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string Field, string Text), int>> PerSegment = [];

    public static int DocFreq(AtomicReader reader, string field, string text)
    {
        var counts = PerSegment.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<(string, string), int>());
        if (counts.TryGetValue((field, text), out var known)) return known;
        var count = reader.DocFreq(new Term(field, text));
        if (counts.Count < MaxTermsPerSegment) counts.TryAdd((field, text), count);
        return count;
    }

    /// <summary>The count over every segment of the reader (deleted documents included, as in Lucene's own statistics).</summary>
    public static int DocFreq(IndexReader reader, string field, string text)
    {
        var total = 0;
        foreach (var leaf in reader.Leaves) total += DocFreq(leaf.AtomicReader, field, text);
        return total;
    }
}
