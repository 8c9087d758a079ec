using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DoiThoai.Tests.Features.Security;

/// <summary>
/// Thousands of malformed requests to every API endpoint the app maps (issue 7, "Bad input"): broken
/// and oversized JSON, bad UTF-8 and lone surrogates, wrong content types, negative, zero and huge ids,
/// page numbers out of range or not numbers, and query strings of junk. Every answer must be a 4xx
/// with problem+json (or, for a GET whose junk the endpoint may ignore, a plain success), never a 5xx;
/// and nothing in the database changes.
/// </summary>
public sealed class ApiFuzzTests(AuthorizationMatrixFixture app) : IClassFixture<AuthorizationMatrixFixture>
{
    private static readonly string[] Ids = ["-1", "0", "2147483647", "2147483648", "99999999999999999999", "1e3", "abc", "1%20OR%201=1"];

    private static readonly string[] Queries =
    [
        "?page=-1", "?page=0", "?page=abc", "?page=99999999999", "?pageSize=0", "?pageSize=100000", "?pageSize=-5",
        "?q=%22%2A%3ANEAR", "?q=%ED%A0%80", "?q=" + new string('a', 12_000), "?unitId=-3&from=2027-01-01&to=2026-01-01",
        "?from=not-a-date", "?status=%FF%FE", "?kind=%3Cscript%3E", "?unread=maybe", "?overdue=2",
    ];

    private static IEnumerable<(string Name, Func<HttpContent> Body)> Bodies()
    {
        yield return ("broken JSON", () => Json("{\"text\": \"Đề nghị"));
        yield return ("JSON array", () => Json("[1,2,3]"));
        yield return ("JSON null", () => Json("null"));
        yield return ("wrong types", () => Json("{\"text\": 5, \"topicId\": \"x\", \"dueOn\": true, \"itemIds\": \"a\", \"startsAt\": [], \"hostUnitId\": -1}"));
        yield return ("lone surrogate", () => Json("{\"text\": \"\\ud800 ý kiến\", \"answer\": \"\\udfff\"}"));
        yield return ("bad UTF-8", () => Raw([0x7B, 0x22, 0x74, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D], "application/json"));
        yield return ("deep nesting", () => Json(new string('[', 5_000) + new string(']', 5_000)));
        yield return ("huge numbers", () => Json("{\"topicId\": 1e309, \"attendanceCount\": 99999999999999999999999, \"percent\": -1e40}"));
        yield return ("text/plain", () => Raw(Encoding.UTF8.GetBytes("text=hello"), "text/plain"));
        yield return ("xml", () => Raw(Encoding.UTF8.GetBytes("<item><text>x</text></item>"), "application/xml"));
        yield return ("form", () => Raw(Encoding.UTF8.GetBytes("text=%E1%BB%B3&topicId=1"), "application/x-www-form-urlencoded"));
        yield return ("no content type", () => new ByteArrayContent(Encoding.UTF8.GetBytes("{}")));
        yield return ("empty", () => Json(""));
        yield return ("multipart junk", () => Raw(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"args\"\r\n\r\n{\r\n--x--"), "multipart/form-data; boundary=x"));
        yield return ("6 MB of JSON", () => Json("{\"text\": \"" + new string('đ', 3_000_000) + "\"}"));
    }

    private static ByteArrayContent Json(string text) => Raw(Encoding.UTF8.GetBytes(text), "application/json");

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task Malformed_requests_to_every_api_endpoint_get_a_4xx_problem_and_change_nothing()
    {
        var (own, _) = await app.WorldAsync();
        var routes = MatrixRoutes.All(app.Services).Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        var before = await CountsAsync();
        var failures = new List<string>();
        var sent = 0;
        foreach (var caller in new string?[] { "admin", "vanphong", null })
        {
            var client = await app.ClientAsync(caller, api: true);
            foreach (var (route, method) in routes)
            {
                if (method == "GET")
                {
                    foreach (var url in Urls(route, own).Concat(WithQueries(route, own)))
                    {
                        sent++;
                        await CheckAsync(client, new HttpRequestMessage(HttpMethod.Get, url), caller, mayAcceptJunk: true, failures);
                    }
                    continue;
                }
                // Marking notifications read takes no body: whatever is sent, the request is a good one.
                var takesNoBody = route.EndsWith("/read-all", StringComparison.Ordinal) || route.EndsWith("/read", StringComparison.Ordinal);
                foreach (var (url, isRealUrl) in Urls(route, own).Select(u => (u, false)).Prepend((MatrixRoutes.Fill(route, own, NoPublicValues)!, true)))
                    foreach (var (name, body) in Bodies().Where(b => isRealUrl || b.Name is "broken JSON" or "wrong types" or "empty"))
                    {
                        sent++;
                        await CheckAsync(client, new HttpRequestMessage(new HttpMethod(method), url) { Content = body() }, caller, mayAcceptJunk: takesNoBody, failures, name);
                    }
            }
        }
        Assert.True(sent > 1_500, $"only {sent} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers were wrong:\n" + string.Join("\n", failures.Take(60)));
        Assert.Equal(before, await CountsAsync());
    }

    private static readonly Dictionary<string, string> NoPublicValues = new() { ["documentName"] = "v1" };

    /// <summary>The route with its real ids and junk query strings.</summary>
    private static IEnumerable<string> WithQueries(string route, OwnedObjects own) =>
        MatrixRoutes.Fill(route, own, NoPublicValues) is { } filled ? Queries.Select(q => filled + q) : [];

    /// <summary>The route with junk in place of its ids.</summary>
    private static IEnumerable<string> Urls(string route, OwnedObjects own)
    {
        if (!route.Contains('{', StringComparison.Ordinal)) yield break;
        foreach (var id in Ids)
            yield return System.Text.RegularExpressions.Regex.Replace(route, @"\{(id|sessionId|attachmentId)(:[a-z]+)?\}", id)
                .Replace("{action}", "classify", StringComparison.Ordinal);
    }

    private static async Task CheckAsync(HttpClient client, HttpRequestMessage request, string? caller, bool mayAcceptJunk, List<string> failures, string? body = null)
    {
        using var response = await client.SendAsync(request);
        var code = (int)response.StatusCode;
        var what = $"{caller ?? "anonymous"} {request.Method} {Shorten(request.RequestUri!.OriginalString)}{(body is null ? "" : $" [{body}]")}: {code}";
        if (code >= 500) { failures.Add(what + " " + Shorten(await response.Content.ReadAsStringAsync())); return; }
        if (code is >= 200 and < 300 && mayAcceptJunk) return;
        if (code is < 400 or >= 500) { failures.Add(what + " (expected a 4xx)"); return; }
        // 401 without a token comes from the authentication handler with a WWW-Authenticate header;
        // every other refusal explains itself as problem+json.
        if (code == 401 && caller is null) return;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            failures.Add(what + $" as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json");
    }

    private static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    private Task<string> CountsAsync() => app.WithDbAsync(async db => string.Join(",",
        await db.Sessions.CountAsync(), await db.Items.CountAsync(), await db.History.CountAsync(), await db.Assignments.CountAsync(),
        await db.Conclusions.CountAsync(), await db.Tasks.CountAsync(), await db.Attachments.CountAsync(), await db.Notifications.CountAsync(),
        await db.SearchChanges.CountAsync()));
}
