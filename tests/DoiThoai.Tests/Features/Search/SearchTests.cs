using System.Net;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace DoiThoai.Tests.Features.Search;

/// <summary>Search over the demo data and items created here, through the API and the page.</summary>
public sealed class SearchTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Item hits only unless another kind (or "" for all) is asked for.</summary>
    private static string Url(string q, int pageSize = 200, string kind = "item") =>
        $"/api/v1/search?q={Uri.EscapeDataString(q)}&pageSize={pageSize}" + (kind == "" ? "" : "&kind=" + kind);

    private static List<int> Ids(JsonNode result) => result["items"]!.AsArray().Select(h => h!["itemId"]!.GetValue<int>()).ToList();

    private async Task<int> NewItemAsync(HttpClient office, int sessionId, string text, string confidentiality = "public")
    {
        var item = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind = "recommendation", stage = "atSession", speakerName = "Đại biểu", urgency = "normal", confidentiality, text,
        }, HttpStatusCode.Created);
        return item["id"]!.GetValue<int>();
    }

    private async Task<(HttpClient Office, int SessionId)> HeldSessionAsync()
    {
        var office = await app.ApiClientAsync("vanphong");
        var id = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        return (office, id);
    }

    [Fact]
    public async Task Without_diacritics_finds_the_demo_items_and_marks_the_words_as_written()
    {
        var admin = await app.ApiClientAsync("admin");
        var result = await admin.GetJsonAsync(Url("bi thu chi bo"));
        var found = Ids(result);

        var expected = (await app.WithDbAsync(db => db.Items.Select(i => new { i.Id, i.Text, i.Answer }).ToListAsync()))
            .Where(i => SearchKeys.FoldKey(i.Text).Contains("bi thu chi bo")).Select(i => i.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.All(expected, id => Assert.Contains(id, found));
        Assert.Equal(found.Count, result["total"]!.GetValue<int>());

        var withText = result["items"]!.AsArray().First(h => SearchKeys.Normalize(h!["excerpt"]!.GetValue<string>()).Contains("bí thư chi bộ"))!;
        var excerpt = withText["excerpt"]!.GetValue<string>();
        var marked = withText["highlights"]!.AsArray().Select(s => excerpt.Substring(s![0]!.GetValue<int>(), s[1]!.GetValue<int>())).ToList();
        Assert.Contains("bí", marked, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("thư", marked);
        Assert.Contains("bộ", marked);
        Assert.All(marked, w => Assert.Contains(SearchKeys.FoldKey(w), new[] { "bi", "thu", "chi", "bo" }));
    }

    [Fact]
    public async Task A_new_item_is_found_at_once_and_the_same_tones_rank_first()
    {
        var (office, sessionId) = await HeldSessionAsync();
        // Only the tone of one syllable differs: "bán" (sell) and "ban" (board).
        var sold = await NewItemAsync(office, sessionId, "Đề nghị làm rõ việc bán đất công ở xã Quỳnhlâmx");
        var board = await NewItemAsync(office, sessionId, "Đề nghị làm rõ việc ban đất công ở xã Quỳnhlâmx");

        Assert.Equal([sold, board], Ids(await office.GetJsonAsync(Url("bán đất quỳnhlâmx"))));
        Assert.Equal([board, sold], Ids(await office.GetJsonAsync(Url("ban đất quỳnhlâmx"))));
        // Tone placement does not matter; without diacritics both are found.
        Assert.Equal(2, Ids(await office.GetJsonAsync(Url("ban dat QUYNHLAMX"))).Count);

        // An edit is searchable at once too: the answer is a hit of its own, naming who answered.
        await office.PostJsonAsync($"/api/v1/items/{board}/actions/answer", new { answer = "Đã giao Phòng Tàinguyênz kiểm tra.", outcome = "explained", answeredBy = "Chủ tịch" }, HttpStatusCode.OK);
        var answer = (await office.GetJsonAsync(Url("tainguyenz", kind: "")))["items"]!.AsArray().Single()!;
        Assert.Equal(("answer", board, "Chủ tịch", $"/Items/{board}#answer"),
            (answer["kind"]!.GetValue<string>(), answer["itemId"]!.GetValue<int>(), answer["answeredBy"]!.GetValue<string>(), answer["url"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_page_marks_matches_and_never_writes_the_text_as_html()
    {
        var (office, sessionId) = await HeldSessionAsync();
        var id = await NewItemAsync(office, sessionId, "Kiến nghị <script>alert(1)</script> về Đường Hòa Bìnhq");
        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Search?q=" + Uri.EscapeDataString("duong hoa binhq"));
        var hit = page.QuerySelectorAll(".search-results li").Single(li => li.QuerySelector($"a[href='/Items/{id}']") is not null);
        Assert.Equal(["Đường", "Hòa", "Bìnhq"], hit.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Empty(hit.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", hit.QuerySelector(".excerpt")!.TextContent);

        // The header form leads here for every signed-in page.
        var home = await Html.GetDocumentAsync(browser, "/");
        Assert.NotNull(home.QuerySelector("header form[action='/Search'] input[name='q']"));
    }

    [Fact]
    public async Task A_member_never_finds_the_internal_or_restricted_items_of_others()
    {
        var personId = await app.PersonIdAsync("Đoàn Văn Mật");
        var (office, sessionId) = await HeldSessionAsync();
        var hidden = await NewItemAsync(office, sessionId, "Phản ánh nội bộ về Trườngsaox", "internal");
        var member = await app.ApiClientAsync("dangvien");

        foreach (var q in new[] { "bi thu chi bo", "chi bộ", "đảng viên", "trườngsaox" })
        {
            var officeIds = Ids(await (await app.ApiClientAsync("admin")).GetJsonAsync(Url(q)));
            var memberIds = Ids(await member.GetJsonAsync(Url(q)));
            var visible = await app.WithDbAsync(db => db.Items.Where(i => officeIds.Contains(i.Id)
                && (i.Confidentiality == Confidentiality.Public || i.RaisedByPersonId == personId)).Select(i => i.Id).ToListAsync());
            Assert.Equal(officeIds.Where(visible.Contains).ToList(), memberIds);
        }
        Assert.DoesNotContain(hidden, Ids(await member.GetJsonAsync(Url("trườngsaox"))));
        var anyHiddenInDemo = await app.WithDbAsync(db => db.Items.AnyAsync(i => i.Confidentiality != Confidentiality.Public && i.RaisedByPersonId != personId));
        Assert.True(anyHiddenInDemo);
    }

    [Fact]
    public async Task The_index_rebuilt_from_the_database_answers_the_same()
    {
        var admin = await app.ApiClientAsync("admin");
        string[] queries = ["bi thu chi bo", "bảo hiểm xã hội", "kiem tra giam sat", "phụ cấp"];
        var before = new List<List<int>>();
        foreach (var q in queries) before.Add(Ids(await admin.GetJsonAsync(Url(q))));
        Assert.Contains(before, ids => ids.Count > 0);

        var index = app.Services.GetRequiredService<SearchIndex>();
        var progress = new List<int>();
        var count = await index.RebuildAsync(progress.Add);
        Assert.Equal(await app.WithDbAsync(db => db.Items.CountAsync()), count);
        Assert.Equal(count, progress[^1]);
        Assert.True(File.Exists(Path.Combine(index.Folder, "segments.gen")) || Directory.EnumerateFiles(index.Folder, "segments_*").Any());

        for (var k = 0; k < queries.Length; k++) Assert.Equal(before[k], Ids(await admin.GetJsonAsync(Url(queries[k]))));
    }

    [Fact]
    public async Task An_index_written_with_another_field_layout_is_rebuilt_on_open()
    {
        var folder = Path.Combine(Path.GetTempPath(), "doithoai-old-index-" + Guid.NewGuid().ToString("N"));
        try
        {
            // An older release's index: a stray document and a position far ahead, but no format mark.
            var indexFolder = Path.Combine(folder, SearchIndex.FolderName);
            using (var directory = Lucene.Net.Store.FSDirectory.Open(new DirectoryInfo(indexFolder)))
            using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48,
                new Lucene.Net.Analysis.Core.WhitespaceAnalyzer(Lucene.Net.Util.LuceneVersion.LUCENE_48))))
            {
                writer.AddDocument(new Lucene.Net.Documents.Document { new Lucene.Net.Documents.StringField("lsh", "0abcdef", Lucene.Net.Documents.Field.Store.NO) });
                writer.SetCommitData(new Dictionary<string, string> { ["lastChangeId"] = "999999999" });
                writer.Commit();
            }
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = folder }).Build();
            using var index = new SearchIndex(app.Services.GetRequiredService<IServiceScopeFactory>(), config,
                app.Services.GetRequiredService<IHostEnvironment>(), NullLogger<SearchIndex>.Instance);
            await index.CatchUpAsync();

            var (hits, total) = index.Find(SyllableQuery.Of("bi thu chi bo"), null, 0, 10);
            Assert.NotEmpty(hits);
            Assert.Equal(await app.WithDbAsync(db => db.SearchChanges.MaxAsync(c => c.Id)), index.LastChangeId);
            // The same as the app's own index, built from the same database.
            var own = app.Services.GetRequiredService<SearchIndex>();
            await own.CatchUpAsync();
            Assert.Equal(own.Find(SyllableQuery.Of("bi thu chi bo"), null, 0, 10).TotalHits, total);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_change_committed_after_a_later_one_is_still_indexed()
    {
        // PostgreSQL gives out change ids at insert, so a later transaction can commit first; SQLite
        // has one writer at a time, so there the order cannot be reversed (and a second writer would wait).
        if (app.Provider != "Postgres") return;
        var (office, sessionId) = await HeldSessionAsync();
        var slow = await NewItemAsync(office, sessionId, "Ý kiến ghi chậm");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DoiThoai.Web.Data.AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE \"Items\" SET \"Text\" = {"Ý kiến về Gapzzqvx"} WHERE \"Id\" = {slow}");
            db.SearchChanges.Add(SearchChange.For(await db.Items.SingleAsync(i => i.Id == slow), DateTime.UtcNow));
            await db.SaveChangesAsync(); // takes its change id now, commits later

            var quick = await NewItemAsync(office, sessionId, "Ý kiến ghi nhanh Quickzzqvx");
            Assert.Equal([quick], Ids(await office.GetJsonAsync(Url("quickzzqvx"))));
            Assert.Empty(Ids(await office.GetJsonAsync(Url("gapzzqvx"))));
            await transaction.CommitAsync();
        }
        Assert.Equal([slow], Ids(await office.GetJsonAsync(Url("gapzzqvx"))));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task An_empty_query_is_a_clear_400_on_the_api_and_a_message_on_the_page(string? q)
    {
        var client = await app.ApiClientAsync("vanphong");
        var problem = await ApiJson.AssertProblemAsync(await client.GetAsync(q is null ? "/api/v1/search" : "/api/v1/search?q=" + Uri.EscapeDataString(q)), HttpStatusCode.BadRequest);
        Assert.Contains(SearchService.EmptyQueryMessage, problem.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Search?q=" + Uri.EscapeDataString(q ?? ""));
        Assert.Contains(SearchService.EmptyQueryMessage, page.QuerySelector("main")!.TextContent);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(10_000)]
    public async Task A_query_over_500_characters_is_refused(int length)
    {
        var client = await app.ApiClientAsync("vanphong");
        var q = string.Concat(Enumerable.Repeat("bí thư ", length / 7 + 1))[..length];
        await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q)), HttpStatusCode.BadRequest);

        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Search?q=" + Uri.EscapeDataString(q));
        Assert.Contains(SearchService.TooLongMessage, page.QuerySelector("main .message")!.TextContent);
    }

    [Fact]
    public void Unpaired_surrogates_and_control_characters_leave_only_plain_words_to_search()
    {
        // HTTP decoding turns a lone surrogate into U+FFFD; the keys must cope with the raw one too.
        Assert.DoesNotContain(Tokens.Of("\uD800\uDFFF\u0000\u001F").FoldSyllables, s => s.Any(char.IsSurrogate) || s.Any(char.IsControl));
        Assert.Equal(["bi", "thu"], Tokens.Of("\uD800bi\u0001 thu\uDC00").FoldSyllables.Where(s => s is "bi" or "thu"));
    }

    [Theory]
    [InlineData("%22%2A%3A")]                 // only syntax characters: " * :
    [InlineData("!!!%20...%20%3F%3F")]        // only punctuation
    [InlineData("%22bi%20thu%22%20NEAR%20chi%3Abo*")] // FTS/Lucene syntax is plain text
    [InlineData("%ED%A0%80bi%20thu")]         // an unpaired surrogate (CESU-8 bytes)
    [InlineData("bi%00%01%1Fthu")]            // control characters
    [InlineData("OR%20AND%20NOT%20-%20%2B")]  // operator words
    [InlineData("%22")]                       // each syntax character alone
    [InlineData("%2A")]
    [InlineData("NEAR")]
    [InlineData("%3A")]
    [InlineData("bi%20thu%20NEAR%2F3%20chi%20bo")]
    [InlineData("%EF%BF%BD%EF%BF%BD")]        // what an unpaired surrogate becomes once decoded
    [InlineData("%E2%80%8B%C2%AD%E2%80%8D")]  // zero-width and soft-hyphen only
    public async Task Odd_input_answers_200_never_500(string rawQuery)
    {
        var client = await app.ApiClientAsync("vanphong");
        var result = await client.GetJsonAsync("/api/v1/search?q=" + rawQuery);
        Assert.NotNull(result["items"]);
        var browser = await app.SignedInBrowserAsync("vanphong");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Search?q=" + rawQuery)).StatusCode);
    }

    [Fact]
    public async Task Filters_and_paging_narrow_the_hits()
    {
        var admin = await app.ApiClientAsync("admin");
        var all = Ids(await admin.GetJsonAsync(Url("chi bo")));
        Assert.True(all.Count > 2);
        var first = Ids(await admin.GetJsonAsync("/api/v1/search?q=chi%20bo&page=1&pageSize=2&kind=item"));
        var second = Ids(await admin.GetJsonAsync("/api/v1/search?q=chi%20bo&page=2&pageSize=2&kind=item"));
        Assert.Equal(all.Take(4), first.Concat(second));

        var seedId = await app.SeedSessionIdAsync();
        var inSession = Ids(await admin.GetJsonAsync($"/api/v1/search?q=chi%20bo&sessionId={seedId}&pageSize=200&kind=item"));
        var expected = await app.WithDbAsync(db => db.Items.Where(i => all.Contains(i.Id) && i.SessionId == seedId).Select(i => i.Id).ToListAsync());
        Assert.Equal(all.Where(expected.Contains), inSession);
        await ApiJson.AssertProblemAsync(await admin.GetAsync("/api/v1/search?q=chi&pageSize=500"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_highlighter_marks_words_by_fold_key_within_a_window()
    {
        var set = new HashSet<string> { "hoa", "duong" };
        var (excerpt, marks) = Highlighter.Excerpt("Đường hoà bình, ho\u0300a thuận", set);
        Assert.Equal(["Đường", "hoà", "ho\u0300a"], marks.Select(m => excerpt.Substring(m.Start, m.Length)));

        var longText = string.Concat(Enumerable.Repeat("lorem ipsum ", 100)) + "Hòa " + string.Concat(Enumerable.Repeat("dolor ", 100));
        var (cut, cutMarks) = Highlighter.Excerpt(longText, set);
        Assert.True(cut.Length <= Highlighter.ExcerptLength + 4);
        Assert.StartsWith("… ", cut);
        Assert.Equal("Hòa", cut.Substring(cutMarks.Single().Start, cutMarks.Single().Length));
        Assert.Equal(cut, string.Concat(Highlighter.Segments(cut, cutMarks).Select(s => s.Text)));
    }
}
