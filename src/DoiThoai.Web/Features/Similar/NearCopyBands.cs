using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using DoiThoai.Text;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace DoiThoai.Web.Features.Similar;

/// <summary>
/// The LSH stage of near-duplicate lookup (ADR 0009). Each item document carries its item id and its
/// MinHash band hashes as doc values (4 bytes and 3 per band, no terms: as index terms the band keys
/// were nearly all distinct, two thirds of the index and most of its build time). Per index segment the hashes are
/// loaded once into one sorted array per band (hash in the high 32 bits, document in the low 32), so a
/// lookup is a binary search per band. The arrays live as long as the segment: they are built when a
/// searcher first sees the segment (or when a merge produces it, before it is searchable) and follow
/// the index through the same change log, on every node.
/// </summary>
public static class NearCopyBands
{
    /// <summary>Binary doc values: the item id (32-bit), then the top 24 bits of each band's hash, little-endian.</summary>
    public const string Field = "lsh";

    /// <summary>
    /// 24 bits of a band's hash are kept (issue 4 caps the index at half the raw text): at 1,000,000
    /// items two unrelated texts share a band value once per 16 million, so a lookup meets about one
    /// such stranger over its 16 bands, and the text check sends it away.
    /// </summary>
    private const int HashBytes = 3;

    private static uint Kept(uint hash) => hash >> 8;

    /// <summary>Adds the item id and the band hashes of its text to an item document (nothing for a text without syllables).</summary>
    public static void Add(Document doc, int itemId, IReadOnlyList<string> foldSyllables, MinHash? scheme = null)
    {
        var minHash = scheme ?? MinHash.Default;
        var hashes = minHash.BandHashesOf(minHash.ShinglesOf(foldSyllables));
        if (hashes.Length == 0) return;
        var bytes = new byte[4 + HashBytes * hashes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, itemId);
        for (var band = 0; band < hashes.Length; band++)
        {
            var kept = Kept(hashes[band]);
            var at = 4 + HashBytes * band;
            bytes[at] = (byte)kept;
            bytes[at + 1] = (byte)(kept >> 8);
            bytes[at + 2] = (byte)(kept >> 16);
        }
        doc.Add(new BinaryDocValuesField(Field, new BytesRef(bytes)));
    }

    /// <summary>
    /// Items sharing at least one band with <paramref name="hashes"/> in the searcher's live documents,
    /// those sharing more bands first, at most <paramref name="max"/>.
    /// </summary>
    public static IReadOnlyList<int> Candidates(IndexSearcher searcher, uint[] hashes, int max)
    {
        if (hashes.Length == 0) return [];
        var shared = new Dictionary<int, int>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var table = For(reader);
            if (table.Bands != hashes.Length) continue; // written by another scheme: rebuilt by `reindex`
            var live = reader.LiveDocs;
            for (var band = 0; band < hashes.Length; band++)
            {
                var entries = table.Entries[band];
                var kept = Kept(hashes[band]);
                var at = LowerBound(entries, (ulong)kept << 32);
                for (; at < entries.Length && entries[at] >> 32 == kept; at++)
                {
                    var doc = (int)(uint)entries[at];
                    if (live is not null && !live.Get(doc)) continue;
                    var itemId = table.ItemIds[doc];
                    shared[itemId] = shared.GetValueOrDefault(itemId) + 1;
                }
            }
        }
        return shared.OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Take(max).Select(p => p.Key).ToList();
    }

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
                    var at = 4 + HashBytes * band;
                    var kept = span[at] | (uint)span[at + 1] << 8 | (uint)span[at + 2] << 16;
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
