using System.Net;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;

namespace DoiThoai.Tests.Features.Search;

/// <summary>
/// Answers and conclusions as hits of their own, the reader's scope decided inside the index (and
/// checked here against UserScope and the pages' answer and conclusion rules), the filters, and the
/// change-log rows written whenever something that decides visibility is saved.
/// </summary>
public sealed class SearchScopeTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Readers = ["admin", "vanphong", "lanhdao", "bantochuc", "dangvien", "bientap"];

    private sealed record Hit(string Kind, int Id, int? ItemId, string Url);

    private static async Task<(List<Hit> Hits, int Total)> SearchAsync(HttpClient client, string q, string filters = "")
    {
        var result = await client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}&pageSize=200{filters}");
        var hits = result["items"]!.AsArray().Select(h => new Hit(h!["kind"]!.GetValue<string>(), h["id"]!.GetValue<int>(),
            h["itemId"]?.GetValue<int>(), h["url"]!.GetValue<string>())).ToList();
        return (hits, result["total"]!.GetValue<int>());
    }

    private static HashSet<string> Keys(IEnumerable<Hit> hits) => hits.Select(h => h.Kind + ":" + h.Id).ToHashSet();

    /// <summary>
    /// What the reader may see, by the rules the pages use: UserScope for items and sessions, the item
    /// page's rule for answers, the session page's for conclusions — as "kind:id" keys.
    /// </summary>
    private async Task<HashSet<string>> VisibleAsync(string userName, string query)
    {
        var wanted = Tokens.Of(query).FoldSyllables.ToHashSet();
        bool Matches(string? text) => text is not null && wanted.IsSubsetOf(Tokens.Of(text).FoldSyllables);

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName);
        var principal = await services.GetRequiredService<SignInManager<AppUser>>().CreateUserPrincipalAsync(user!);
        services.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { User = principal, RequestServices = services };
        var userScope = services.GetRequiredService<UserScope>();
        var workflow = services.GetRequiredService<ItemWorkflow>();
        var caller = await workflow.CallerAsync();

        var items = await (await userScope.ItemsAsync()).AsNoTracking()
            .Include(i => i.Session).Include(i => i.Assignments).ThenInclude(a => a.CoUnits).ToListAsync();
        var visible = new HashSet<string>();
        foreach (var item in items)
        {
            if (Matches(item.Text)) visible.Add("item:" + item.Id);
            if (Matches(item.Answer) && (caller.MaySeeWork(ItemFacts.Of(item)) || ItemWorkflow.IsSettledAnswer(item.Status, item.Answer)))
                visible.Add("answer:" + item.Id);
        }
        foreach (var session in await (await userScope.SessionsAsync()).AsNoTracking().Include(s => s.Conclusions).ToListAsync())
        {
            if (!session.ConclusionsAreIssued && !await userScope.RunsSessionAsync(session.HostUnitId)) continue;
            foreach (var conclusion in session.Conclusions.Where(c => Matches(c.Text))) visible.Add("conclusion:" + conclusion.Id);
        }
        return visible;
    }

    private Task<int> ChangesAsync() => app.WithDbAsync(db => db.SearchChanges.CountAsync());

    [Fact]
    public async Task Every_reader_finds_exactly_what_the_pages_let_them_read_and_the_total_counts_it()
    {
        // Beside the demo data: an internal item assigned to Ban Tổ chức with a draft answer (its
        // handlers see the draft, readers outside do not), a restricted item, a settled answer, and
        // conclusions before and after they are issued.
        const string word = "Vinhscopez";
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var drafted = await RaiseAsync(office, sessionId, $"Đề nghị xem xét chế độ {word} cho bí thư chi bộ", confidentiality: "internal");
        var handler = await app.DraftAnswerByOrganisationAsync(office, drafted, $"Dự thảo: đề nghị {word} đang được nghiên cứu");
        await RaiseAsync(office, sessionId, $"Đề nghị mật về {word}", confidentiality: "restricted");
        var settled = await RaiseAsync(office, sessionId, $"Đề nghị công khai về {word}", confidentiality: "public");
        await office.ActAsync(settled, "answer", new { answer = $"Đã trả lời đề nghị {word} tại hội nghị", outcome = "explained", answeredBy = "Bí thư Tỉnh ủy" });
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = $"Kết luận: tiếp thu đề nghị {word}" }, HttpStatusCode.Created);
        var issuedSession = await app.HeldSessionAsync(office);
        await office.PostJsonAsync($"/api/v1/sessions/{issuedSession}/conclusions", new { text = $"Kết luận đã ban hành về đề nghị {word}" }, HttpStatusCode.Created);
        await office.PostJsonAsync($"/api/v1/sessions/{issuedSession}/actions/complete-minutes", new { minutes = "Biên bản" }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{issuedSession}/actions/issue-conclusions", null, HttpStatusCode.OK);

        var differ = false;
        foreach (var q in new[] { word, "đề nghị", "bi thu chi bo" })
        {
            var bySomeone = new List<HashSet<string>>();
            foreach (var reader in Readers)
            {
                var (hits, total) = await SearchAsync(await app.ApiClientAsync(reader), q);
                var expected = await VisibleAsync(reader, q);
                Assert.True(expected.SetEquals(Keys(hits)), $"{reader} searching \"{q}\": expected {string.Join(' ', expected.Order())}, found {string.Join(' ', Keys(hits).Order())}");
                Assert.Equal(expected.Count, total);
                bySomeone.Add(expected);
            }
            differ |= bySomeone.Any(s => !s.SetEquals(bySomeone[0]));
        }
        Assert.True(differ); // the readers' scopes really differ on this data

        var mine = Keys((await SearchAsync(handler, word)).Hits);
        Assert.Contains("answer:" + drafted, mine);
        var member = Keys((await SearchAsync(await app.ApiClientAsync("dangvien"), word)).Hits);
        Assert.Contains("answer:" + settled, member);
        Assert.DoesNotContain("answer:" + drafted, member);
        Assert.Single(member, k => k.StartsWith("conclusion:", StringComparison.Ordinal));
        Assert.Equal(2, Keys((await SearchAsync(office, word)).Hits).Count(k => k.StartsWith("conclusion:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Published_portal_articles_are_in_the_index_but_never_in_any_readers_staff_search()
    {
        const string word = "Baivietzq";
        var editor = await app.SignedInBrowserAsync("bientap");
        var article = await Portal.PortalSteps.CreateAsync(editor, ("Input.Title", $"Tin bài {word} về bí thư chi bộ"));
        await Portal.PortalSteps.FollowAsync(editor, await Portal.PortalSteps.PublishAsync(editor, article));
        var office = await app.ApiClientAsync("vanphong");
        var item = await RaiseAsync(office, await app.HeldSessionAsync(office), $"Đề nghị về {word} ở chi bộ", confidentiality: "public");

        // The portal's own search finds the article: the index has it for the staff search to leave out.
        var portal = await Html.GetDocumentAsync(app.Browser(), "/Portal/Search?q=" + word.ToLowerInvariant());
        Assert.Contains($"Tin bài {word}", portal.QuerySelector("main")!.TextContent);

        foreach (var reader in Readers)
        {
            var (hits, total) = await SearchAsync(await app.ApiClientAsync(reader), word);
            Assert.DoesNotContain(hits, h => h.Kind == "article");
            Assert.Equal(hits.Count, total); // an article counted in the total would show here
        }
        foreach (var reader in new[] { "admin", "vanphong" })
        {
            var (hits, total) = await SearchAsync(await app.ApiClientAsync(reader), word);
            Assert.Equal(["item:" + item], Keys(hits));
            Assert.Equal(1, total);
        }
    }

    [Fact]
    public async Task Hits_of_each_kind_link_to_the_page_that_shows_them()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, "Đề nghị về Linkerzq", confidentiality: "public");
        await office.ActAsync(id, "answer", new { answer = "Trả lời Linkerzq", outcome = "explained", answeredBy = "Chủ tịch" });
        var conclusion = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = "Kết luận Linkerzq" }, HttpStatusCode.Created);

        var (hits, total) = await SearchAsync(office, "linkerzq");
        Assert.Equal(3, total);
        Assert.Equal(
            [("answer", $"/Items/{id}#answer"), ("conclusion", $"/Sessions/{sessionId}#conclusions"), ("item", $"/Items/{id}")],
            hits.Select(h => (h.Kind, h.Url)).Order());
        Assert.Equal(conclusion["id"]!.GetValue<int>(), hits.Single(h => h.Kind == "conclusion").Id);

        var (onlyAnswers, answerTotal) = await SearchAsync(office, "linkerzq", "&kind=answer");
        Assert.Equal((1, "answer"), (answerTotal, onlyAnswers.Single().Kind));

        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, "/Search?q=linkerzq");
        var links = page.QuerySelectorAll(".search-results li a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/Items/{id}#answer", links);
        Assert.Contains($"/Sessions/{sessionId}#conclusions", links);
        Assert.Contains("Chủ tịch", page.QuerySelector(".search-results li.hit-answer")!.TextContent);
    }

    [Fact]
    public async Task A_query_with_diacritics_ranks_the_exact_tones_first_across_kinds()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        // "bán" (sell), "bàn" (discuss), "ban" (board): same fold-key, different tones.
        var item = await RaiseAsync(office, sessionId, "Việc bán đất Tonerankq", confidentiality: "public");
        var answered = await RaiseAsync(office, sessionId, "Ý kiến Tonerankq khác", confidentiality: "public");
        await office.ActAsync(answered, "answer", new { answer = "Việc bàn đất Tonerankq", outcome = "explained", answeredBy = "Chủ tịch" });
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = "Việc ban đất Tonerankq" }, HttpStatusCode.Created);

        async Task<List<string>> RankedAsync(string q) => (await SearchAsync(office, q)).Hits.Select(h => h.Kind).ToList();
        Assert.Equal("item", (await RankedAsync("bán đất tonerankq"))[0]);
        Assert.Equal("answer", (await RankedAsync("bàn đất tonerankq"))[0]);
        Assert.Equal("conclusion", (await RankedAsync("ban đất tonerankq"))[0]);
        // Without diacritics all three match, whatever the tones.
        Assert.Equal(["answer", "conclusion", "item"], (await RankedAsync("ban dat tonerankq")).Order());
        Assert.Equal($"/Items/{item}", (await SearchAsync(office, "bán đất tonerankq")).Hits[0].Url);
    }

    [Fact]
    public async Task Assigning_reclassifying_and_moving_a_session_log_a_change_and_search_follows_at_once()
    {
        var office = await app.ApiClientAsync("vanphong");
        var handler = await app.ApiClientAsync("bantochuc");
        var member = await app.ApiClientAsync("dangvien");
        var sessionId = await app.HeldSessionAsync(office);
        var id = await RaiseAsync(office, sessionId, "Phản ánh về Visibilityzq", confidentiality: "internal");
        Assert.Equal(0, (await SearchAsync(handler, "visibilityzq")).Total);

        // Assignment: the lead unit's handler now reads it.
        await app.ReadyToAssignAsync(office, id);
        var before = await ChangesAsync();
        await office.ActAsync(id, "assign", new { leadUnitId = await app.UnitIdAsync(Organisation), dueOn = "2026-12-31" });
        Assert.True(await app.WithDbAsync(db => db.SearchChanges.AnyAsync(c => c.ItemId == id && c.Id > before)));
        Assert.Equal(id, (await SearchAsync(handler, "visibilityzq")).Hits.Single().Id);

        // Confidentiality: public → the member reads it; restricted again → only the lead unit and the host.
        Assert.Equal(0, (await SearchAsync(member, "visibilityzq")).Total);
        await app.WithDbAsync(async db =>
        {
            var item = await db.Items.SingleAsync(i => i.Id == id);
            db.Entry(item).Property(i => i.Confidentiality).CurrentValue = Confidentiality.Public;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, (await SearchAsync(member, "visibilityzq")).Total);

        // The session's host unit: its change is logged for the session and the unit filter follows it.
        var province = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var organisation = await app.UnitIdAsync(Organisation);
        Assert.Equal(1, (await SearchAsync(office, "visibilityzq", $"&unitId={province}")).Total);
        Assert.Equal(0, (await SearchAsync(office, "visibilityzq", $"&unitId={organisation}")).Total);
        before = await ChangesAsync();
        await app.WithDbAsync(async db =>
        {
            var session = await db.Sessions.Include(s => s.Chairs).SingleAsync(s => s.Id == sessionId);
            session.UpdateDetails(new SessionDetails(session.Title, organisation, null, session.TermId, session.StartsAtUtc, session.Place,
                session.Agenda, null, null, []), new Actor(null, "test"), DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.True(await app.WithDbAsync(db => db.SearchChanges.AnyAsync(c => c.SessionId == sessionId && c.Id > before)));
        Assert.Equal(1, (await SearchAsync(office, "visibilityzq", $"&unitId={organisation}")).Total);
        // Tỉnh ủy still oversees Ban Tổ chức: the filter takes in sub-units.
        Assert.Equal(1, (await SearchAsync(office, "visibilityzq", $"&unitId={province}")).Total);
    }

    [Fact]
    public async Task Filters_by_term_topic_status_date_and_kind_narrow_to_what_the_database_says()
    {
        var office = await app.ApiClientAsync("vanphong");
        var sessionId = await app.HeldSessionAsync(office);
        var classified = await RaiseAsync(office, sessionId, "Ý kiến Filterzq thứ nhất", confidentiality: "public");
        var received = await RaiseAsync(office, sessionId, "Ý kiến Filterzq thứ hai", confidentiality: "public");
        var topic = await app.TopicIdAsync();
        await office.ActAsync(classified, "classify", new { topicId = topic });
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = "Kết luận Filterzq" }, HttpStatusCode.Created);

        async Task<List<string>> KindsAsync(string filters) => (await SearchAsync(office, "filterzq", filters)).Hits
            .Select(h => h.Kind == "item" ? (h.Id == classified ? "classified" : h.Id == received ? "received" : "?") : h.Kind).Order().ToList();

        Assert.Equal(["classified", "conclusion", "received"], await KindsAsync(""));
        Assert.Equal(["classified"], await KindsAsync($"&topicId={topic}"));
        Assert.Equal(["received"], await KindsAsync("&status=received"));
        Assert.Equal(["conclusion"], await KindsAsync("&kind=conclusion"));
        // The session is on 10/12/2026 (Vietnam time).
        Assert.Equal(3, (await KindsAsync("&from=2026-12-10&to=2026-12-10")).Count);
        Assert.Equal(3, (await KindsAsync("&from=10/12/2026")).Count);
        Assert.Empty(await KindsAsync("&to=2026-12-09"));
        Assert.Empty(await KindsAsync("&from=2026-12-11"));

        var termId = await app.WithDbAsync(db => db.Terms.Select(t => (int?)t.Id).FirstOrDefaultAsync());
        var sessionTerm = await app.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.TermId).SingleAsync());
        if (termId is { } term)
            Assert.Equal(sessionTerm == term ? 3 : 0, (await KindsAsync($"&termId={term}")).Count);

        // The page has the same filters, without JavaScript.
        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, $"/Search?q=filterzq&kind=item&status=received&from=2026-12-10");
        Assert.Equal([$"/Items/{received}"], page.QuerySelectorAll(".search-results li > a[href^='/Items/']").Select(a => a.GetAttribute("href")));
        foreach (var name in new[] { "unitId", "termId", "topicId", "status", "from", "to", "kind" })
            Assert.NotNull(page.QuerySelector($"form[role=search] [name={name}]"));
    }

    [Theory]
    [InlineData("&kind=article", "kind")]
    [InlineData("&from=31/02/2026", "from")]
    [InlineData("&to=h%C3%B4m%20qua", "to")]
    [InlineData("&from=2026-12-11&to=2026-12-10", "to")]
    public async Task Bad_filters_are_a_clear_400_on_the_api_and_a_message_on_the_page(string filters, string field)
    {
        var client = await app.ApiClientAsync("vanphong");
        var problem = await ApiJson.AssertProblemAsync(await client.GetAsync("/api/v1/search?q=chi%20bo" + filters), HttpStatusCode.BadRequest);
        Assert.Contains(field, problem.ToJsonString());

        var browser = await app.SignedInBrowserAsync("vanphong");
        var response = await browser.GetAsync("/Search?q=chi%20bo" + filters);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("main .message"));
        Assert.Null(page.QuerySelector(".search-results"));
    }
}
