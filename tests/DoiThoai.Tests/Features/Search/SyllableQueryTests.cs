using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Similar;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DoiThoai.Tests.Features.Search;

/// <summary>
/// The text query and the near-copy tables on an index large enough that common syllables take the
/// bit-set path (over 5,000 documents), with the app's own documents, compared with brute force.
/// </summary>
public sealed class SyllableQueryTests : IDisposable
{
    private const int Count = 12_000;
    private static readonly string[] Bodies =
    [
        "Đề nghị bí thư chi bộ quan tâm", "Đề nghị bí thư chi bộ quan tam", "Đề nghị xem xét phụ cấp cho bí thư chi bộ thôn",
        "Kiến nghị về việc bán đất công", "Kiến nghị về việc ban đất công", "Nghỉ chế độ và nghĩ về chính sách", "Hòa giải ở cơ sở",
    ];

    private readonly RAMDirectory directory = new();
    private readonly List<string> texts = [];
    private readonly IndexWriter writer;
    private static readonly SearchDocuments.SessionFacts Session = new(1, 1, null, null, new DateTime(2026, 1, 1, 1, 0, 0, DateTimeKind.Utc), SessionStatus.Held);

    public SyllableQueryTests()
    {
        writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            Similarity = new BM25Similarity(), MaxBufferedDocs = 3_000, // several segments
        });
        var random = new Random(7);
        for (var id = 1; id <= Count; id++)
        {
            // Every text has "đề nghị"/"kiến nghị" or more; rare words make some stand out.
            var text = Bodies[random.Next(Bodies.Length)] + (id % 997 == 0 ? " Quỳnhlâmx" : "") + (id % 3 == 0 ? " " + Bodies[random.Next(Bodies.Length)] : "");
            texts.Add(text);
            writer.AddDocument(SearchDocuments.ItemDocument(Item(id, text), Session));
        }
        writer.Commit();
    }

    private static SearchDocuments.ItemSource Item(int id, string text) =>
        new(id, 1, null, ItemStatus.Received, Confidentiality.Public, null, text, null, []);

    private (IReadOnlyList<int> Ids, int Total) Run(string query, int skip = 0, int take = 20)
    {
        using var reader = DirectoryReader.Open(writer, true);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        var (hits, total) = SyllableQuery.Of(query).Run(searcher, null, skip, take);
        return (hits.Select(h => int.Parse(searcher.Doc(h.Doc).Get(SearchDocuments.Fields.Id))).ToList(), total);
    }

    private List<int> BruteForce(string query)
    {
        var wanted = Tokens.Of(query).FoldSyllables.ToHashSet();
        return texts.Select((t, i) => (Id: i + 1, Fold: Tokens.Of(t).FoldSyllables.ToHashSet()))
            .Where(t => wanted.IsSubsetOf(t.Fold)).Select(t => t.Id).ToList();
    }

    [Theory]
    [InlineData("bi thu chi bo")]        // every syllable common: the rarest drives, the others are bit sets
    [InlineData("bí thư chi bộ quan tâm")]
    [InlineData("nghị")]
    [InlineData("ban dat quynhlamx")]     // a rare syllable drives
    [InlineData("hoà giải")]
    public void Totals_are_exact_and_every_hit_has_every_syllable(string query)
    {
        var expected = BruteForce(query);
        Assert.True(expected.Count > 0);
        var (ids, total) = Run(query, 0, Count);
        Assert.Equal(expected.Count, total);
        Assert.Equal(expected.Order(), ids.Order());
    }

    [Fact]
    public void Typed_with_diacritics_the_same_tones_rank_first_even_among_common_syllables()
    {
        var (ids, _) = Run("bí thư chi bộ quan tâm", 0, Count);
        var exact = ids.Select(id => texts[id - 1].Contains("quan tâm", StringComparison.Ordinal)).ToList();
        // Every "quan tâm" comes before every "quan tam".
        Assert.Contains(true, exact);
        Assert.Contains(false, exact);
        Assert.Equal(exact.OrderByDescending(e => e), exact);

        var sold = Run("bán đất", 0, 50).Ids;
        Assert.All(sold, id => Assert.Contains("bán đất", texts[id - 1]));
        var board = Run("ban đất", 0, 50).Ids;
        Assert.All(board, id => Assert.Contains("ban đất", texts[id - 1]));
    }

    [Fact]
    public void Pages_follow_the_same_ranking_and_deleted_documents_are_gone()
    {
        var (all, total) = Run("bi thu chi bo", 0, 100);
        var (second, _) = Run("bi thu chi bo", 40, 20);
        Assert.Equal(all.Skip(40).Take(20), second);

        writer.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Item, all[0]));
        var (after, totalAfter) = Run("bi thu chi bo", 0, 100);
        Assert.Equal(total - 1, totalAfter);
        Assert.DoesNotContain(all[0], after);
    }

    [Theory]
    [InlineData(3)]   // a third of each segment: kept as bits and handed to the scorer
    [InlineData(400)] // a few per segment: kept compressed, the filter leads
    public void A_cached_filter_lets_through_exactly_its_documents_dense_or_sparse_and_never_a_deleted_one(int every)
    {
        var allowed = Enumerable.Range(1, Count).Where(id => id % every == 0).ToList();
        var filter = CachedFilter.Of(new ConstantScoreQuery(new Lucene.Net.Queries.TermsFilter(SearchDocuments.Fields.Key,
            allowed.Select(id => new BytesRef(SearchDocuments.Key(SearchDocuments.Kinds.Item, id))).ToList())));
        writer.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Item, allowed[1]));
        var expected = BruteForce("bi thu chi bo").Where(id => id % every == 0 && id != allowed[1]).ToList();
        Assert.NotEmpty(expected);

        using var reader = DirectoryReader.Open(writer, true);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        for (var pass = 0; pass < 2; pass++) // the second from the cache
        {
            var (hits, total) = SyllableQuery.Of("bi thu chi bo").Run(searcher, filter, 0, Count);
            Assert.Equal(expected.Count, total);
            Assert.Equal(expected, hits.Select(h => int.Parse(searcher.Doc(h.Doc).Get(SearchDocuments.Fields.Id))).Order());
        }
    }

    [Fact]
    public void Near_copies_are_found_by_their_bands_in_every_segment_and_not_once_deleted()
    {
        const string original = "Đề nghị Ban Thường vụ Tỉnh ủy sớm có hướng dẫn chế độ phụ cấp cho bí thư chi bộ thôn Quỳnhlâmx";
        writer.AddDocument(SearchDocuments.ItemDocument(Item(50_001, original), Session));
        writer.Commit();
        writer.AddDocument(SearchDocuments.ItemDocument(Item(50_002, original.Replace("sớm", "nhanh chóng")), Session));

        IReadOnlyList<int> Candidates(string text)
        {
            using var reader = DirectoryReader.Open(writer, true);
            return NearCopyBands.Candidates(new IndexSearcher(reader), NearCopyBands.Scheme.BandHashes(text), 50);
        }

        var copy = "de nghi ban thuong vu tinh uy som co huong dan che do phu cap cho bi thu chi bo thon quynhlamx";
        Assert.Equal([50_002, 50_001], Candidates(copy).Where(id => id > Count).Order().Reverse());
        writer.ForceMerge(1);
        Assert.Contains(50_001, Candidates(copy));

        writer.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Item, 50_001));
        Assert.DoesNotContain(50_001, Candidates(copy));
        Assert.Contains(50_002, Candidates(copy));
        Assert.Empty(Candidates("Một nội dung khác hẳn về đường giao thông nông thôn"));
    }

    [Fact]
    public void A_copy_with_a_fifth_of_its_words_edited_shares_enough_bands_and_a_stock_phrase_does_not()
    {
        const string original = "Cử tri thôn Quỳnhlâmx phản ánh kênh tưới tiêu nội đồng bị bồi lấp nhiều năm nay, mùa khô thiếu nước, " +
            "mùa mưa ngập úng hàng trăm héc ta lúa; đề nghị Ủy ban nhân dân huyện bố trí kinh phí nạo vét và kè hai bên bờ kênh trong năm tới";
        writer.AddDocument(SearchDocuments.ItemDocument(Item(60_001, original), Session));
        // 10 of about 50 words replaced, dropped or added, then typed without diacritics.
        var edited = SearchKeys.FoldKey(original.Replace("phản ánh", "kiến nghị").Replace("nhiều năm nay", "lâu năm")
            .Replace("hàng trăm", "nhiều").Replace("bố trí", "sớm cấp").Replace("hai bên bờ kênh", "bờ kênh").Replace("năm tới", "năm nay"));

        IReadOnlyList<int> Candidates(string text)
        {
            using var reader = DirectoryReader.Open(writer, true);
            return NearCopyBands.Candidates(new IndexSearcher(reader), NearCopyBands.Scheme.BandHashes(text), 50);
        }

        Assert.Contains(60_001, Candidates(edited));
        // Sharing a stock phrase is one band at most, not the three a candidate needs.
        Assert.DoesNotContain(60_001, Candidates("Đề nghị Ủy ban nhân dân huyện bố trí kinh phí trong năm tới"));
    }

    [Fact]
    public void Bm25_looks_for_reworded_items_only_when_no_item_shares_enough_bands()
    {
        const string original = "Cử tri xóm Quỳnhlâmx phản ánh cầu treo Nậmkhoangx bị hư hỏng nặng, học sinh đi học rất nguy hiểm, " +
            "đề nghị tỉnh sớm đầu tư xây mới cầu bê tông";
        writer.AddDocument(SearchDocuments.ItemDocument(Item(70_001, original), Session));
        using var reader = DirectoryReader.Open(writer, true);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        IReadOnlyList<int> Candidates(string text) =>
            SimilarQueries.Candidates(searcher, NearCopyBands.Scheme.BandHashes(text), Tokens.FoldSyllablesOf(text));

        // Few words in common: no band, but its rare names bring the item through BM25.
        const string reworded = "Cầu treo Nậmkhoangx ở Quỳnhlâmx xuống cấp, con em đến trường gặp nguy hiểm";
        Assert.Empty(NearCopyBands.Candidates(searcher, NearCopyBands.Scheme.BandHashes(reworded), 50));
        Assert.Contains(70_001, Candidates(reworded));

        // The copy itself is found by its bands, and the bands' candidates are all there is.
        var copy = Candidates(SearchKeys.FoldKey(original));
        Assert.Equal(NearCopyBands.Candidates(searcher, NearCopyBands.Scheme.BandHashes(original), SimilarQueries.MaxNearCandidates), copy);
        Assert.Contains(70_001, copy);
    }

    [Fact]
    public void A_band_value_held_by_more_documents_than_the_limit_is_skipped()
    {
        const string stock = "Hòa giải ở cơ sở"; // alone, the whole text of over a thousand documents here
        var same = Enumerable.Range(1, Count).Where(id => texts[id - 1] == stock).ToList();
        Assert.InRange(same.Count, 500, 1_999);
        using var reader = DirectoryReader.Open(writer, true);
        var searcher = new IndexSearcher(reader);
        var hashes = NearCopyBands.Scheme.BandHashes(stock);

        Assert.Superset(same.ToHashSet(), NearCopyBands.Candidates(searcher, hashes, Count).ToHashSet());
        Assert.Empty(NearCopyBands.Candidates(searcher, hashes, Count, commonLimit: same.Count - 1));
    }

    public void Dispose()
    {
        writer.Dispose();
        directory.Dispose();
    }
}
