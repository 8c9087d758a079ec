using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DoiThoai.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DoiThoai.Web.Features.Similar;

/// <summary>
/// The LSH stage of near-duplicate lookup (ADR 0009, amended by ADR 0024). Each item document carries
/// its item id and the MinHash band hashes of its set of fold syllables (<see cref="Scheme"/>) as doc
/// values (4 bytes and 2 per band, no terms: as index terms the band keys were nearly all distinct,
/// two thirds of the index and most of its build time). Per index segment the hashes are loaded once
/// into one sorted array per band (hash in the high 32 bits, document in the low 32), so a lookup is
/// a binary search per band. The arrays live as long as the segment: they are built when a searcher
/// first sees the segment (or when a merge produces it, before it is searchable) and follow the index
/// through the same change log, on every node.
/// </summary>
public static class NearCopyBands
{
    /// <summary>Binary doc values: the item id (32-bit), then the top 16 bits of each band's hash, little-endian.</summary>
    public const string Field = "lsh";

    /// <summary>
    /// Bands over the set of single syllables, not over syllable pairs: a word edited changes two
    /// pairs but at most one syllable, so a copy with a fifth of its words edited keeps about 0.77 of
    /// its syllables against 0.5 of its pairs. Over pairs (16 bands of 4 rows) the bands found 60% of
    /// such copies at 1,000,000 items, and the BM25 stage behind them reached 70%; over syllables
    /// (32 bands of 4 rows, at least <see cref="MinSharedBands"/> shared) they find 99.5% with 6
    /// candidates at the median (docs/benchmarks.md, `similar-analyse`).
    /// </summary>
    public static readonly MinHash Scheme = new(shingleSize: 1, bands: 32, rows: 4);

    /// <summary>
    /// Bands an item must share with the text to be a candidate. One shared band is what texts that
    /// share a few stock phrases have in common; three, with 32 bands of 4 rows, are reached by a text
    /// whose syllable sets have Jaccard 0.72 (a fifth of the words edited, at the worst tenth) 99.6% of
    /// the time, 0.6 (past the reworded threshold) 80%, 0.4 5% and 0.3 0.2%.
    /// </summary>
    public const int MinSharedBands = 3;

    /// <summary>
    /// A band value shared by more items than this is a stock phrase ("đề nghị Ủy ban nhân dân xã
    /// …"), not a sign of the same content: it is skipped, which keeps a lookup's work near ten
    /// thousand entries at 1,000,000 items instead of up to a hundred thousand.
    /// </summary>
    public const int CommonValueLimit = 2_000;

    /// <summary>
    /// 16 bits of a band's hash are kept (issue 4 caps the index at half the raw text): at 1,000,000
    /// items about 15 strangers share each band value, but a stranger sharing three bands by chance
    /// turns up about once in 60,000 lookups, and the text check sends it away.
    /// </summary>
    private const int HashBytes = 2;

    private static uint Kept(uint hash) => hash >> 16;

    /// <summary>The band hashes a lookup of <paramref name="text"/> compares.</summary>
    public static uint[] HashesOf(TextFingerprint text) => Scheme.BandHashesOf(text.Syllables);

    /// <summary>Adds the item id and the band hashes of its text to an item document (nothing for a text without syllables).</summary>
    public static void Add(Document doc, int itemId, IReadOnlyList<string> foldSyllables, MinHash? scheme = null)
    {
        var minHash = scheme ?? Scheme;
        var hashes = minHash.BandHashesOf(minHash.ShinglesOf(foldSyllables));
        if (hashes.Length == 0) return;
        var bytes = new byte[4 + HashBytes * hashes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, itemId);
        for (var band = 0; band < hashes.Length; band++)
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4 + HashBytes * band), (ushort)Kept(hashes[band]));
        doc.Add(new BinaryDocValuesField(Field, new BytesRef(bytes)));
    }

    /// <summary>
    /// Items sharing at least <paramref name="minShared"/> bands with <paramref name="hashes"/> in the
    /// searcher's live documents, those sharing more bands first, at most <paramref name="max"/>; band
    /// values held by more than <paramref name="commonLimit"/> documents are skipped.
    /// </summary>
    public static IReadOnlyList<int> Candidates(IndexSearcher searcher, uint[] hashes, int max,
        int minShared = MinSharedBands, int commonLimit = CommonValueLimit)
    {
        if (hashes.Length == 0) return [];
        var leaves = searcher.IndexReader.Leaves;
        var tables = new SegmentTable?[leaves.Count];
        for (var l = 0; l < leaves.Count; l++)
        {
            var table = For(leaves[l].AtomicReader);
            tables[l] = table.Bands == hashes.Length ? table : null; // written by another scheme: rebuilt by `reindex`
        }
        var ranges = new (int Start, int End)[hashes.Length * leaves.Count];
        var postings = 0;
        for (var band = 0; band < hashes.Length; band++)
        {
            var kept = Kept(hashes[band]);
            var held = 0;
            for (var l = 0; l < leaves.Count; l++)
                if (tables[l] is { } table)
                {
                    var range = ranges[band * leaves.Count + l] = table.Range(band, kept);
                    held += range.End - range.Start;
                }
            if (held > commonLimit) Array.Clear(ranges, band * leaves.Count, leaves.Count);
            else postings += held;
        }

        // Bands shared, counted per document of the whole reader in a byte each (32 bands fit): about
        // ten thousand entries a lookup at 1,000,000 items, where a dictionary per item cost most of
        // the lookup's time in its resizing. The counters go back to the pool zeroed.
        var shared = Counters.Rent(searcher.IndexReader.MaxDoc);
        var touched = ArrayPool<int>.Shared.Rent(Math.Max(1, postings));
        var touchedCount = 0;
        try
        {
            for (var band = 0; band < hashes.Length; band++)
                for (var l = 0; l < leaves.Count; l++)
                {
                    var (start, end) = ranges[band * leaves.Count + l];
                    if (start == end) continue;
                    var entries = tables[l]!.Entries[band];
                    var (docBase, live) = (leaves[l].DocBase, leaves[l].AtomicReader.LiveDocs);
                    for (var at = start; at < end; at++)
                    {
                        var doc = (int)(uint)entries[at];
                        if (live is not null && !live.Get(doc)) continue;
                        if (shared[docBase + doc]++ == 0) touched[touchedCount++] = docBase + doc;
                    }
                }
            var found = new Dictionary<int, int>();
            for (var t = 0; t < touchedCount; t++)
            {
                var doc = touched[t];
                if (shared[doc] < minShared) continue;
                var l = ReaderUtil.SubIndex(doc, leaves);
                var itemId = tables[l]!.ItemIds[doc - leaves[l].DocBase];
                found[itemId] = Math.Max(found.GetValueOrDefault(itemId), shared[doc]);
            }
            return found.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Take(max).Select(p => p.Key).ToList();
        }
        finally
        {
            for (var t = 0; t < touchedCount; t++) shared[touched[t]] = 0;
            Counters.Return(shared);
            ArrayPool<int>.Shared.Return(touched);
        }
    }

    /// <summary>Only this class rents from it and every array goes back zeroed, so a rented one starts at zero.</summary>
    private static readonly ArrayPool<byte> Counters = ArrayPool<byte>.Create(maxArrayLength: 1 << 26, maxArraysPerBucket: 8);

    /// <summary>Builds (once) the tables of a segment; called when a searcher or a merge first meets it.</summary>
    public static void Warm(AtomicReader reader) => For(reader);

    private static readonly ConditionalWeakTable<object, SegmentTable> Tables = [];

    private static SegmentTable For(AtomicReader reader) => Tables.GetValue(reader.CoreCacheKey, _ => SegmentTable.Build(reader));

    private static int LowerBound(ulong[] entries, ulong key)
    {
        int low = 0, high = entries.Length;
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (entries[middle] < key) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private sealed class SegmentTable(int bands, ulong[][] entries, int[] itemIds)
    {
        public int Bands { get; } = bands;
        public ulong[][] Entries { get; } = entries;
        public int[] ItemIds { get; } = itemIds;

        /// <summary>Where the documents with <paramref name="kept"/> in <paramref name="band"/> lie in its sorted entries.</summary>
        public (int Start, int End) Range(int band, uint kept) =>
            (LowerBound(Entries[band], (ulong)kept << 32), LowerBound(Entries[band], (ulong)(kept + 1) << 32));

        public static SegmentTable Build(AtomicReader reader)
        {
            var values = reader.GetBinaryDocValues(Field);
            var present = reader.GetDocsWithField(Field);
            if (values is null || present is null) return new SegmentTable(0, [], []);
            var maxDoc = reader.MaxDoc;
            var itemIds = new int[maxDoc];
            var bytes = new BytesRef();
            ulong[][]? columns = null;
            var count = 0;
            for (var doc = 0; doc < maxDoc; doc++)
            {
                if (!present.Get(doc)) continue;
                values.Get(doc, bytes);
                if (columns is null)
                {
                    columns = new ulong[Math.Max(0, (bytes.Length - 4) / HashBytes)][];
                    for (var band = 0; band < columns.Length; band++) columns[band] = new ulong[maxDoc];
                }
                if (bytes.Length != 4 + HashBytes * columns.Length) continue;
                var span = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
                itemIds[doc] = BinaryPrimitives.ReadInt32LittleEndian(span);
                for (var band = 0; band < columns.Length; band++)
                {
                    var kept = (uint)BinaryPrimitives.ReadUInt16LittleEndian(span[(4 + HashBytes * band)..]);
                    columns[band][count] = (ulong)kept << 32 | (uint)doc;
                }
                count++;
            }
            var entries = columns ?? [];
            for (var band = 0; band < entries.Length; band++)
            {
                Array.Resize(ref entries[band], count);
                Array.Sort(entries[band]);
            }
            var bands = entries.Length;
            return new SegmentTable(bands, entries, itemIds);
        }
    }
}
