using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// A filter whose documents are computed once per segment and kept with it, as a plain bit set when
/// they are many and compressed when they are few.
/// </summary>
/// <remarks>
/// Lucene's own <see cref="CachingWrapperFilter"/> keeps a compressed set without random access, so
/// every search under it leap-frogs between the hits and the filter. At 1,000,000 items that doubled
/// the scoring time of a common query under the staff-kinds filter (about 9 against 4.4 ms,
/// docs/benchmarks.md session 6). A bit set of a dense filter is handed to the scorer as the
/// documents it may accept instead, one bit test per posting, as for deleted documents. A sparse
/// filter (a small unit's scope) stays compressed: there the filter leads and the hits follow.
/// </remarks>
public sealed class CachedFilter(Filter filter) : CachingWrapperFilter(filter)
{
    /// <summary>A set with more than one document in this many is kept as bits (maxDoc / 8 bytes).</summary>
    private const int DenseDivisor = 64;

    public static CachedFilter Of(Query query) => new(new QueryWrapperFilter(query));

    protected override DocIdSet CacheImpl(DocIdSetIterator iterator, AtomicReader reader)
    {
        var bits = new FixedBitSet(reader.MaxDoc);
        bits.Or(iterator);
        if (bits.Cardinality > reader.MaxDoc / DenseDivisor) return bits;
        var compressed = new WAH8DocIdSet.Builder();
        compressed.Add(bits.GetIterator());
        return compressed.Build();
    }

    /// <summary>
    /// Searches <paramref name="query"/> under <paramref name="filter"/>, handing a filter with random
    /// access (<see cref="CachedFilter"/>'s dense sets) to the scorer wherever its first document falls.
    /// </summary>
    public static Query Apply(Query query, Filter? filter) =>
        filter is null ? query : new FilteredQuery(query, filter, BitsFirst.Instance);

    /// <summary>Lucene's own strategy uses random access only when the filter's first document is below 100.</summary>
    private sealed class BitsFirst : FilteredQuery.RandomAccessFilterStrategy
    {
        public static readonly BitsFirst Instance = new();

        protected override bool UseRandomAccess(IBits bits, int firstFilterDoc) => true;
    }
}
