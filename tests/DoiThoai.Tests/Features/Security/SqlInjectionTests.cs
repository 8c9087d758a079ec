using System.Net;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// SQL-injection strings in every query parameter: the API's, read from its own OpenAPI document,
/// and the pages', read from their GET forms, so a new parameter is covered without a list to
/// keep. Each answer is a 200 with no more rows than without the parameter, or a 4xx; never a 5xx;
/// and the database is the same afterwards.
/// </summary>
public sealed class SqlInjectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    public static readonly string[] Injections =
    [
        "' OR 1=1 --",
        "' OR '1'='1",
        "1; DROP TABLE \"Items\"",
        "1); DELETE FROM \"AspNetUsers\"; --",
        "%' --",
        "%",
        "_",
        "\" OR \"\"=\"",
        "1 UNION SELECT \"PasswordHash\" FROM \"AspNetUsers\" --",
        "'; SELECT pg_sleep(5); --",
        "1' AND (SELECT COUNT(*) FROM sqlite_master) > 0 --",
        "\\'; --",
        "-1",
        "99999999999999999999",
    ];

    /// <summary>The staff and public list and search pages.</summary>
    public static readonly string[] Pages =
    [
        "/Sessions", "/Items", "/Search", "/Tasks", "/Inbox", "/Notifications", "/Admin/Users", "/Admin/People", "/Admin/Units",
        "/Admin/Topics", "/Portal/Search", "/Portal/Admin",
    ];

    [Fact]
    public async Task Injection_strings_in_every_api_query_parameter_are_harmless()
    {
        var before = await SnapshotAsync();
        var api = await app.ApiClientAsync("admin");
        var openApi = JsonNode.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var checkedParameters = 0;
        foreach (var (path, operations) in openApi["paths"]!.AsObject())
        {
            if (operations!["get"] is not { } get) continue;
            var url = System.Text.RegularExpressions.Regex.Replace(path, "{[^}]+}", "1");
            var query = (get["parameters"]?.AsArray() ?? []).Where(p => p!["in"]!.GetValue<string>() == "query").Select(p => p!["name"]!.GetValue<string>()).ToList();
            var baseline = await api.GetAsync(url);
            var baselineTotal = await TotalAsync(baseline);
            foreach (var name in query)
            {
                foreach (var injection in Injections)
                {
                    var response = await api.GetAsync($"{url}?{name}={Uri.EscapeDataString(injection)}");
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.True((int)response.StatusCode < 500, $"GET {url}?{name}={injection}: {(int)response.StatusCode} {body}");
                    if (response.StatusCode == HttpStatusCode.OK && baselineTotal is { } total && await TotalAsync(response) is { } found)
                        Assert.True(found <= total, $"GET {url}?{name}={injection}: {found} rows, {total} without it");
                    checkedParameters++;
                }
            }
        }
        Assert.True(checkedParameters > 100, $"only {checkedParameters} parameter values were tried");
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Injection_strings_in_every_list_and_search_page_parameter_are_harmless()
    {
        var before = await SnapshotAsync();
        var admin = await app.SignedInBrowserAsync("admin");
        var handler = await app.SignedInBrowserAsync("bantochuc");
        foreach (var page in Pages)
        {
            var client = page == "/Inbox" ? handler : admin;
            var document = await Html.GetDocumentAsync(client, page);
            var baselineRows = Rows(document);
            var names = document.QuerySelectorAll("form:not([method=post]) [name]")
                .Select(e => e.GetAttribute("name")!)
                .Where(n => n != "__RequestVerificationToken")
                .Append("p").Append("q").Distinct().ToList();
            foreach (var name in names)
            {
                foreach (var injection in Injections)
                {
                    var response = await client.GetAsync($"{page}?{name}={Uri.EscapeDataString(injection)}");
                    Assert.True((int)response.StatusCode < 500, $"GET {page}?{name}={injection}: {(int)response.StatusCode}");
                    if (response.StatusCode == HttpStatusCode.OK)
                        Assert.True(Rows(await Html.ParseAsync(response)) <= Math.Max(baselineRows, 25), $"GET {page}?{name}={injection}: more rows than without it");
                }
            }
        }
        Assert.Equal(before, await SnapshotAsync());
    }

    private static int Rows(IHtmlDocument page) => page.QuerySelectorAll("main table tbody tr, main .results > li, main .teasers > li").Length;

    private static async Task<int?> TotalAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json") return null;
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync());
        return json is JsonObject o && o["total"] is { } total ? total.GetValue<int>() : json is JsonArray a ? a.Count : null;
    }

    /// <summary>Row counts of the tables an injection would aim at, and the password hashes.</summary>
    private Task<string> SnapshotAsync() => app.WithDbAsync(async db => string.Join("|",
        await db.Items.CountAsync(), await db.Sessions.CountAsync(), await db.Users.CountAsync(), await db.Conclusions.CountAsync(),
        await db.Tasks.CountAsync(), await db.Articles.CountAsync(), await db.OrgUnits.CountAsync(),
        string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.PasswordHash).ToListAsync())));
}
