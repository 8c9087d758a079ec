using BenchmarkDotNet.Attributes;
using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using F = DoiThoai.Web.Features.Search.SearchDocuments.Fields;
using Kinds = DoiThoai.Web.Features.Search.SearchDocuments.Kinds;

namespace DoiThoai.Bench;

/// <summary>
/// The engine side of a search at 1,000,000 item documents (built by <see cref="SearchDocuments"/>,
/// 20,000 sessions over 10,000 host units): top 20 with and without a reader's scope as a Lucene
/// filter — an office of a province overseeing 5,000 units, and a member of one branch.
/// </summary>
[MemoryDiagnoser]
public class SearchScopeBenchmarks
{
    private static readonly string[] Words =
        "đề nghị tỉnh ủy xem xét chế độ phụ cấp cho bí thư chi bộ thôn khu phố đảng viên cao tuổi bảo hiểm xã hội đất đai giải phóng mặt bằng kiểm tra giám sát cán bộ công chức học tập nghị quyết sinh hoạt định kỳ kinh phí hoạt động hội nghị tiếp xúc đối thoại trường học y tế đường giao thông nông thôn mới"
            .Split(' ');

    [Params(1_000_000)] public int Items { get; set; }

    private string folder = null!;
    private FSDirectory directory = null!;
    private DirectoryReader reader = null!;
    private IndexSearcher searcher = null!;
    private SyllableQuery common = null!, rare = null!;
    private Filter office = null!, officeCached = null!, member = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Built once and kept: BenchmarkDotNet runs each benchmark in a process of its own.
        folder = Path.Combine(Path.GetTempPath(), $"doithoai-bench-search-{Items}");
        directory = FSDirectory.Open(new DirectoryInfo(folder));
        if (!DirectoryReader.IndexExists(directory)) Build();
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        common = Text("bí thư chi bộ");
        rare = Text("giải phóng mặt bằng đường giao thông");

        var units = Enumerable.Range(1, 5_000).ToList();
        office = new QueryWrapperFilter(SearchScope.All(
            SearchScope.Any(SearchScope.In(F.HostUnit, units), SearchScope.In(F.ParticipantUnit, units)),
            SearchScope.Is(F.Kind, Kinds.Item),
            SearchScope.Any(SearchScope.Is(F.Confidentiality, Confidentiality.Public), SearchScope.Is(F.Confidentiality, Confidentiality.Internal),
                SearchScope.In(F.HostUnit, units))));
        officeCached = new CachingWrapperFilter(office);
        common.Run(searcher, officeCached, 0, 20); // what the app's filter cache holds after the first search in a scope
        int[] belongs = [1, 7, 42];
        member = new QueryWrapperFilter(SearchScope.All(
            SearchScope.Any(SearchScope.In(F.HostUnit, belongs), SearchScope.In(F.ParticipantUnit, belongs)),
            SearchScope.Is(F.Kind, Kinds.Item),
            SearchScope.Any(SearchScope.Is(F.Confidentiality, Confidentiality.Public), SearchScope.Is(F.RaisedBy, "7"))));
    }

    private void Build()
    {
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            Similarity = new BM25Similarity(), RAMBufferSizeMB = 256,
        };
        var random = new Random(42);
        using var writer = new IndexWriter(directory, config);
        var sessions = Enumerable.Range(1, 20_000).Select(id => new SearchDocuments.SessionFacts(id, 1 + id % 10_000, null, 1 + id % 3,
            new DateTime(2017, 1, 1, 1, 0, 0, DateTimeKind.Utc).AddDays(id % 3_000), SessionStatus.FollowingUp)).ToArray();
        for (var id = 1; id <= Items; id++)
        {
            var text = string.Join(' ', Enumerable.Range(0, 12 + random.Next(20)).Select(_ => Words[random.Next(Words.Length)]));
            var item = new SearchDocuments.ItemSource(id, 1 + id % 20_000, 1 + id % 12, (ItemStatus)(id % 10), (Confidentiality)(id % 3),
                id % 50, text, null, id % 4 == 0 ? [new SearchDocuments.AssignmentFacts(id, DateTime.UtcNow, 1 + id % 10_000, [])] : []);
            writer.AddDocument(SearchDocuments.ItemDocument(item, sessions[item.SessionId - 1]));
        }
        writer.ForceMerge(1);
    }

    private static SyllableQuery Text(string q) => SyllableQuery.Of(q);

    [GlobalCleanup]
    public void Cleanup()
    {
        reader.Dispose();
        directory.Dispose();
    }

    [Benchmark(Baseline = true, Description = "common phrase, no scope")]
    public int CommonNoScope() => common.Run(searcher, null, 0, 20).TotalHits;

    [Benchmark(Description = "common phrase, office of 5,000 units")]
    public int CommonOffice() => common.Run(searcher, office, 0, 20).TotalHits;

    [Benchmark(Description = "common phrase, office, scope filter cached")]
    public int CommonOfficeCached() => common.Run(searcher, officeCached, 0, 20).TotalHits;

    [Benchmark(Description = "common phrase, member")]
    public int CommonMember() => common.Run(searcher, member, 0, 20).TotalHits;

    [Benchmark(Description = "rarer phrase, office of 5,000 units")]
    public int RareOffice() => rare.Run(searcher, office, 0, 20).TotalHits;
}
