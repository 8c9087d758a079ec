using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using DoiThoai.Tests.Features.FollowUp;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Portal;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// The payloads of xss-payloads.txt pushed through the app's own forms and API into every kind of
/// text field, then the pages that show them read back: each value is there as text (its marker is
/// found), and nothing in the markup would run, load or restyle anything — no script of ours missing
/// its src, no on* attribute, no javascript:/vbscript:/data: link, no frame, object, embed, base,
/// meta refresh, style element or attribute, nor a style sheet from elsewhere.
/// </summary>
public sealed class XssCorpusTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly IReadOnlyList<string> Payloads = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Features", "Security", "xss-payloads.txt"))
        .Where(l => l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// The payloads in values of at most <paramref name="maxLength"/> characters, each starting with
    /// <paramref name="marker"/> and a number, as many values as it takes (a payload longer than a field
    /// goes only into the longer ones).
    /// </summary>
    private static List<string> Pack(string marker, int maxLength)
    {
        var values = new List<string>();
        var current = "";
        foreach (var p in Payloads)
        {
            var head = $"{marker}{values.Count} ";
            if (head.Length + p.Length > maxLength) continue;
            if (current.Length > 0 && current.Length + 1 + p.Length > maxLength)
            {
                values.Add(current);
                current = "";
            }
            current = current.Length == 0 ? $"{marker}{values.Count} {p}" : current + " " + p;
        }
        if (current.Length > 0) values.Add(current);
        return values;
    }

    private static string All(string marker) => marker + " " + string.Join("\n", Payloads);

    [Fact]
    public async Task Payloads_in_sessions_items_answers_conclusions_and_tasks_render_inert_on_staff_pages()
    {
        var office = await app.ApiClientAsync("vanphong");
        var host = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var titles = Pack("XSSTITLE", 300);
        var places = Pack("XSSPLACE", 300);
        var sessionIds = new List<int>();
        for (var i = 0; i < titles.Count; i++)
        {
            var session = await office.PostJsonAsync("/api/v1/sessions", new
            {
                title = titles[i], hostUnitId = host, startsAt = "2026-12-10T08:00",
                place = places[i % places.Count], agenda = Pack("XSSAGENDA", 4000)[0],
            }, HttpStatusCode.Created);
            sessionIds.Add(session["id"]!.GetValue<int>());
        }
        var sessionId = sessionIds[0];
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);

        var speakers = Pack("XSSSPEAKER", 120);
        var answeredBy = Pack("XSSBY", 200);
        var itemIds = new List<int>();
        foreach (var (speaker, i) in speakers.Select((s, i) => (s, i)))
        {
            var item = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
            {
                kind = "opinion", stage = "atSession", speakerName = speaker, confidentiality = "internal", text = Pack("XSSTEXT", 4000)[0],
            }, HttpStatusCode.Created);
            itemIds.Add(item["id"]!.GetValue<int>());
        }
        await office.ActAsync(itemIds[0], "answer", new { answer = Pack("XSSANSWER", 4000)[0], outcome = "explained", answeredBy = answeredBy[0] });

        var unit = await app.UnitIdByCodeAsync(TaskSetup.Organisation);
        foreach (var text in Pack("XSSCONCL", 2000))
            await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text, leadUnitId = unit, dueOn = "2027-03-31" }, HttpStatusCode.Created);
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/complete-minutes", new { minutes = Pack("XSSMINUTES", 8000)[0] }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/issue-conclusions", null, HttpStatusCode.OK);

        var staff = await app.SignedInBrowserAsync("vanphong");
        await AssertInertAsync(staff, $"/Sessions/{sessionId}", "XSSTITLE0", "XSSPLACE0", "XSSAGENDA0", "XSSCONCL0", "XSSMINUTES0");
        foreach (var id in sessionIds.Skip(1)) await AssertInertAsync(staff, $"/Sessions/{id}", "XSSTITLE");
        await AssertInertAsync(staff, "/Sessions", "XSSTITLE");
        await AssertInertAsync(staff, $"/Items?sessionId={sessionId}", "XSSTEXT0");
        await AssertInertAsync(staff, $"/Items/{itemIds[0]}", "XSSTEXT0", "XSSSPEAKER0", "XSSANSWER0", "XSSBY0");
        foreach (var id in itemIds.Skip(1)) await AssertInertAsync(staff, $"/Items/{id}", "XSSSPEAKER");
        await AssertInertAsync(staff, "/Tasks", "XSSCONCL0");
        var taskId = await app.WithDbAsync(db => db.Tasks.Where(t => t.SessionId == sessionId).Select(t => t.Id).FirstAsync());
        await AssertInertAsync(await app.SignedInBrowserAsync("bantochuc"), $"/Tasks/{taskId}", "XSSCONCL0");
        await AssertInertAsync(staff, "/", null);
    }

    [Fact]
    public async Task Payloads_in_people_names_render_inert_on_the_administration_pages()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var unit = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        foreach (var name in Pack("XSSPERSON", 120))
        {
            var form = await Html.GetFormAsync(admin, "/Admin/People/Create");
            var response = await admin.PostAsync("/Admin/People/Create", form.With(
                ("Input.FullName", name), ("Input.Position", "Bí thư chi bộ"), ("Input.OrgUnitId", unit.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        await AssertInertAsync(admin, "/Admin/People?q=XSSPERSON", "XSSPERSON0");
    }

    [Fact]
    public async Task Payloads_in_the_search_boxes_come_back_inert()
    {
        var staff = await app.SignedInBrowserAsync("vanphong");
        var reader = app.Browser();
        foreach (var p in Payloads)
        {
            var q = Uri.EscapeDataString("XSSQ " + p);
            await AssertInertAsync(staff, "/Search?q=" + q, null);
            await AssertInertAsync(reader, "/Portal/Search?q=" + q, null);
            await AssertInertAsync(staff, "/Items?q=" + q, null);
        }
        // The box shows what was typed, as text in its value.
        var page = await Html.GetDocumentAsync(reader, "/Portal/Search?q=" + Uri.EscapeDataString(Payloads[0]));
        Assert.Equal(Payloads[0], (page.QuerySelector("input[name=q]") as IHtmlInputElement)!.Value);
    }

    [Fact]
    public async Task Payloads_in_portal_articles_and_captions_render_inert_on_the_portal_and_its_feeds()
    {
        var editor = await app.SignedInBrowserAsync("bientap");
        // The body's Markdown refuses raw HTML it would have to drop, with a message naming it; what it
        // takes (Markdown links and images, encoded and Unicode forms) goes into the articles below.
        var accepted = new List<string>();
        foreach (var p in Payloads)
        {
            var response = await PortalSteps.PostCreateAsync(editor, ("Input.BodyMarkdown", "XSSBODY " + p));
            if (response.StatusCode == HttpStatusCode.Redirect) accepted.Add(p);
            else
            {
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("không được phép", (await Html.ParseAsync(response)).QuerySelector(".errors, .field-error:not(:empty)")!.TextContent);
            }
        }
        Assert.True(accepted.Count >= 10, $"only {accepted.Count} payloads were accepted in a body");
        var markdown = "## XSSBODY mục\n\n" + string.Join("\n\n", accepted) + "\n\n" + string.Join("\n", accepted.Select(p => "- " + p));
        var titles = Pack("XSSART", 300);
        var slugs = new List<string>();
        foreach (var (title, i) in titles.Select((t, i) => (t, i)))
        {
            var values = new[] { ("Input.Title", title), ("Input.Lead", Pack("XSSLEAD", 1000)[0]),
                ("Input.BodyMarkdown", markdown), ("Input.AuthorName", Pack("XSSAUTHOR", 120)[0]), ("Input.CategoryId", "1") };
            var created = await PortalSteps.PostCreateAsync(editor, values);
            Assert.True(created.StatusCode == HttpStatusCode.Redirect, string.Join(" | ", (await Html.ParseAsync(created)).QuerySelectorAll(".errors, .field-error").Select(e => e.TextContent.Trim())));
            var id = int.Parse(created.Headers.Location!.OriginalString.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
            if (i == 0)
            {
                var photo = await PortalSteps.UploadPhotoAsync(editor, id, PortalSteps.Picture(320, 200), "anh.png",
                    Pack("XSSALT", 300)[0], Pack("XSSCAPTION", 500)[0]);
                Assert.Equal(HttpStatusCode.Redirect, photo.StatusCode);
            }
            Assert.Equal(HttpStatusCode.Redirect, (await PortalSteps.PublishAsync(editor, id)).StatusCode);
            slugs.Add(await app.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync()));
        }

        var reader = app.Browser();
        await AssertInertAsync(reader, "/Portal/Article/" + slugs[0], "XSSART0", "XSSLEAD0", "XSSBODY", "XSSCAPTION0", "XSSAUTHOR0");
        await AssertInertAsync(reader, "/Portal/Article/" + slugs[0] + "/Print", "XSSART0", "XSSBODY", "XSSCAPTION0");
        var download = await reader.GetAsync("/Portal/Article/" + slugs[0] + "/Download");
        AssertInert(await Html.ParseAsync(download), "download", ["XSSART0", "XSSBODY"], allowInlineStyleSheet: true);
        foreach (var slug in slugs.Skip(1)) await AssertInertAsync(reader, "/Portal/Article/" + slug, "XSSART");
        await AssertInertAsync(reader, "/Portal", "XSSART");
        await AssertInertAsync(editor, "/Portal/Admin", "XSSART");

        // Feeds: what a reader renders as HTML (RSS descriptions, Atom text of type html) is inert
        // and shows the lead as text; the rest is plain text by the formats' own rules.
        var rss = XDocument.Parse(await reader.GetStringAsync("/Portal/Feed/rss"));
        var descriptions = rss.Descendants("item").Where(i => i.Element("title")!.Value.StartsWith("XSSART", StringComparison.Ordinal))
            .Select(i => i.Element("description")!.Value).ToList();
        Assert.Equal(titles.Count, descriptions.Count);
        foreach (var description in descriptions)
            AssertInert(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(description), "rss", ["XSSLEAD0", "<script>"]);
        var atom = XDocument.Parse(await reader.GetStringAsync("/Portal/Feed/atom"));
        Assert.Contains(atom.Descendants(), e => e.Value.StartsWith("XSSART0", StringComparison.Ordinal));
        foreach (var html in atom.Descendants().Where(e => (string?)e.Attribute("type") is "html" or "xhtml"))
            AssertInert(new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html.Value), "atom", []);
    }

    private static async Task AssertInertAsync(HttpClient client, string url, params string[]? markers)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        AssertInert(await Html.ParseAsync(response), url, markers ?? []);
    }

    private static readonly string[] UrlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "lowsrc", "dynsrc"];

    internal static void AssertInert(IDocument page, string where, string[] markers, bool allowInlineStyleSheet = false)
    {
        var text = page.DocumentElement.TextContent;
        foreach (var marker in markers)
            Assert.True(text.Contains(marker, StringComparison.Ordinal), $"{where}: the value marked {marker} is not shown");

        foreach (var script in page.QuerySelectorAll("script"))
            Assert.True(script.GetAttribute("src") is { } src && src.StartsWith("/js/", StringComparison.Ordinal), $"{where}: {script.OuterHtml}");
        var forbidden = page.QuerySelectorAll("iframe, frame, frameset, object, embed, applet, base, meta[http-equiv], [srcdoc], [style]" + (allowInlineStyleSheet ? "" : ", style"));
        Assert.True(forbidden.Length == 0, $"{where}: {string.Join(" ", forbidden.Select(e => e.OuterHtml[..Math.Min(120, e.OuterHtml.Length)]))}");
        foreach (var link in page.QuerySelectorAll("link[rel~=stylesheet]"))
            Assert.StartsWith("/", link.GetAttribute("href"));
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{where}: {attribute.Name} on <{element.LocalName}>");
                if (!UrlAttributes.Contains(attribute.Name, StringComparer.OrdinalIgnoreCase)) continue;
                // What a browser would do with the value: it drops whitespace and control characters.
                var url = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c) && c != '\u200b').ToArray()).ToLowerInvariant();
                Assert.False(url.StartsWith("javascript:", StringComparison.Ordinal) || url.StartsWith("vbscript:", StringComparison.Ordinal)
                    || (url.StartsWith("data:", StringComparison.Ordinal) && !(element.LocalName == "img" && url.StartsWith("data:image/", StringComparison.Ordinal))),
                    $"{where}: <{element.LocalName} {attribute.Name}=\"{attribute.Value}\">");
            }
        }
    }
}
