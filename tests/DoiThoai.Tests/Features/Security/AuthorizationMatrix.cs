using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Security;

/// <summary>The objects one committee owns, built through the API as its own staff would.</summary>
public sealed record OwnedObjects(
    int SessionId, int RestrictedItemId, int InternalItemId, int AttachmentId, int ConclusionId, int TaskId, long NotificationId);

/// <summary>
/// The demo province (every demo account's world) and a second province none of the demo accounts
/// belongs to, each with a session, a restricted and an internal item, an attachment, a task and a
/// notification. The second province's internal and restricted texts carry <see cref="Marker"/> (not
/// its conclusion: issued conclusions are public on the portal), so any page or
/// answer that shows one of them to a demo account is caught whatever its shape.
/// </summary>
public sealed class AuthorizationMatrixFixture : AppFactory
{
    /// <summary>A made-up word in every internal text of the other province.</summary>
    public const string Marker = "Xyzzymatrix";
    public const string ForeignOffice = "vp-ngoaipham";
    public const string ForeignHandler = "btc-ngoaipham";

    /// <summary>The demo accounts, one per role, and a caller without an account.</summary>
    public static readonly string?[] Callers = [null, "admin", "vanphong", "lanhdao", "bantochuc", "dangvien", "bientap"];

    private readonly SemaphoreSlim building = new(1, 1);
    private (OwnedObjects Own, OwnedObjects Foreign)? world;
    private readonly Dictionary<(string?, bool), HttpClient> clients = [];

    public async Task<(OwnedObjects Own, OwnedObjects Foreign)> WorldAsync()
    {
        await building.WaitAsync();
        try
        {
            if (world is { } built) return built;
            var own = await BuildAsync(await ApiClientAsync("vanphong"), await ApiClientAsync("bantochuc"),
                await this.UnitIdAsync("Tỉnh ủy Bắc Ninh"), await this.CurrentUnitAsync("Ban Tổ chức Tỉnh ủy Bắc Ninh"), "");
            var (foreignHost, foreignLead) = await ForeignProvinceAsync();
            var foreign = await BuildAsync(await ApiClientAsync(ForeignOffice), await ApiClientAsync(ForeignHandler),
                foreignHost, foreignLead, Marker);
            world = (own, foreign);
            return (own, foreign);
        }
        finally
        {
            building.Release();
        }
    }

    /// <summary>A client per caller: a bearer token for the API, the sign-in cookie for pages.</summary>
    public async Task<HttpClient> ClientAsync(string? userName, bool api)
    {
        if (clients.TryGetValue((userName, api), out var client)) return client;
        client = userName is null ? Browser() : api ? await ApiClientAsync(userName) : await SignedInBrowserAsync(userName);
        clients[(userName, api)] = client;
        return client;
    }

    private async Task<(int Host, int Lead)> ForeignProvinceAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DoiThoai.Web.Data.AppDbContext>();
        var province = await db.OrgUnits.Where(u => u.Name == "Tỉnh ủy Bắc Ninh").Select(u => new { u.KindId }).SingleAsync();
        var department = await db.OrgUnits.Where(u => u.Name.StartsWith("Ban Tổ chức Tỉnh ủy Bắc Ninh")).Select(u => new { u.KindId }).FirstAsync();
        var host = new OrgUnit { Name = "Tỉnh ủy Ngoại Phạm", Code = "NP-TU", KindId = province.KindId, ValidFrom = new DateOnly(2025, 7, 1) };
        db.OrgUnits.Add(host);
        await db.SaveChangesAsync();
        var lead = new OrgUnit { Name = "Ban Tổ chức Tỉnh ủy Ngoại Phạm", Code = "NP-TU-BTC", KindId = department.KindId, ParentId = host.Id, ValidFrom = new DateOnly(2025, 7, 1) };
        db.OrgUnits.Add(lead);
        await db.SaveChangesAsync();
        scope.ServiceProvider.GetRequiredService<OrgDirectory>().Invalidate();

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (name, role, unit) in new[] { (ForeignOffice, Roles.OfficeStaff, host.Id), (ForeignHandler, Roles.DepartmentHandler, lead.Id) })
        {
            var user = new AppUser { UserName = name, DisplayName = name, Email = $"{name}@doithoai.example", EmailConfirmed = true, OrgUnitId = unit };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }
        return (host.Id, lead.Id);
    }

    private async Task<OwnedObjects> BuildAsync(HttpClient office, HttpClient handler, int hostUnitId, int leadUnitId, string marker)
    {
        var session = await office.PostJsonAsync("/api/v1/sessions", new
        {
            title = "Hội nghị đối thoại quý IV",
            hostUnitId,
            startsAt = "2026-12-10T08:00",
            place = "Hội trường",
            agenda = "Đối thoại; kết luận",
        }, HttpStatusCode.Created);
        var sessionId = session["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/hold", new { attendanceCount = 40 }, HttpStatusCode.OK);
        var restricted = await ItemFlow.RaiseAsync(office, sessionId, $"Phản ánh nội bộ về cán bộ {marker} cần xác minh", confidentiality: "restricted");
        var @internal = await ItemFlow.RaiseAsync(office, sessionId, $"Đề nghị rà soát quy chế làm việc {marker} của chi bộ", confidentiality: "internal");
        await ItemFlow.RaiseAsync(office, sessionId, "Đề nghị công khai lịch tiếp công dân", confidentiality: "public");

        await this.ReadyToAssignAsync(office, restricted);
        await office.ActAsync(restricted, "assign", new { leadUnitId, dueOn = "2026-12-31" });
        await handler.ActAsync(restricted, "start");
        var drafted = await ApiJson.ReadAsync(await ItemFlow.PostApiWithFilesAsync(handler, restricted, "draft-answer",
            new { answer = $"Dự thảo trả lời {marker}", outcome = "explained" }, ("bao-cao.pdf", ItemFlow.Pdf())), HttpStatusCode.OK);
        var attachmentId = drafted["attachments"]!.AsArray().Single()!["id"]!.GetValue<int>();

        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/conclusions", new { text = "Kiện toàn tổ chức bộ máy", leadUnitId, dueOn = "2027-03-31" }, HttpStatusCode.Created);
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/complete-minutes", new { minutes = "Biên bản." }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/actions/issue-conclusions", null, HttpStatusCode.OK);
        var conclusionId = await WithDbAsync(db => db.Conclusions.Where(c => c.SessionId == sessionId).Select(c => c.Id).FirstAsync());
        var taskId = await WithDbAsync(db => db.Tasks.Where(t => t.SessionId == sessionId).Select(t => t.Id).FirstAsync());
        var notificationId = (await handler.GetJsonAsync("/api/v1/notifications"))["items"]!.AsArray().First()!["id"]!.GetValue<long>();
        return new OwnedObjects(sessionId, restricted, @internal, attachmentId, conclusionId, taskId, notificationId);
    }
}

/// <summary>One route of the app with its parameters filled for one committee's objects.</summary>
public sealed record MatrixRequest(string Route, string Method, string Url, bool Api, bool OwnsObject);

/// <summary>Turns the app's own endpoint list into requests (ADR 0019: a new endpoint cannot be left out).</summary>
public static partial class MatrixRoutes
{
    /// <summary>Every route endpoint the app maps, with its HTTP methods (Razor Pages: GET; their posts need antiforgery and are covered by the feature tests).</summary>
    public static List<(string Route, string Method)> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => ("/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), m)))
            .Where(r => r.Item1.Length > 1 || r.m == "GET")
            .Distinct()
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The URL for <paramref name="route"/> with the objects of <paramref name="objects"/>; null when
    /// a parameter is unknown, which fails the matrix until someone says what it stands for.
    /// </summary>
    public static string? Fill(string route, OwnedObjects objects, IReadOnlyDictionary<string, string> publicValues)
    {
        var failed = false;
        var url = Parameter().Replace(route, m =>
        {
            var name = m.Groups["name"].Value;
            var value = name switch
            {
                "id" when Starts(route, "/Items/Templates") => publicValues.GetValueOrDefault(name),
                "id" when Starts(route, "/Admin/Users/") => publicValues.GetValueOrDefault("userId"),
                // An import job nobody started (a job is shown only to its starter: ItemImportPageTests, ItemImportTwoNodeTests).
                "job" => "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
                "id" when Starts(route, "/api/v1/items", "/Items/") => objects.RestrictedItemId.ToString(),
                "id" when Starts(route, "/api/v1/sessions", "/Sessions/", "/Portal/Sessions/") => objects.SessionId.ToString(),
                "sessionId" => objects.SessionId.ToString(),
                "id" when Starts(route, "/api/v1/tasks", "/Tasks/") => objects.TaskId.ToString(),
                "id" when Starts(route, "/api/v1/notifications", "/Notifications/") => objects.NotificationId.ToString(),
                "attachmentId" => objects.AttachmentId.ToString(),
                "action" when route.StartsWith("/api/v1/items/{", StringComparison.Ordinal) => "classify",
                "action" when route.StartsWith("/api/v1/items/actions", StringComparison.Ordinal) => "answer",
                "action" when route.StartsWith("/api/v1/sessions", StringComparison.Ordinal) => "close",
                "action" when route.StartsWith("/api/v1/tasks", StringComparison.Ordinal) => "cancel",
                "handler" or "handler?" => "",
                _ => publicValues.GetValueOrDefault(name),
            };
            failed |= value is null;
            return value ?? "";
        });
        return failed ? null : url.Replace("//", "/", StringComparison.Ordinal).TrimEnd('/') is { Length: > 0 } u ? u : "/";
    }

    /// <summary>Whether the route names an object a committee owns (and so has an out-of-scope case).</summary>
    public static bool NamesOwnedObject(string route) => route == BulkItemActions ||
        Parameter().Matches(route).Any(m => m.Groups["name"].Value is "id" or "sessionId" or "attachmentId")
        && Starts(route, "/api/v1/items", "/api/v1/sessions", "/api/v1/tasks", "/api/v1/notifications",
            "/Items/{", "/Sessions/{", "/Tasks/{", "/Notifications/Open", "/Portal/Admin/FromSession");

    /// <summary>Names its items in the body (itemIds), not in the route.</summary>
    public const string BulkItemActions = "/api/v1/items/actions/{action}";

    /// <summary>Who reads a committee's object of this route when all is well: the office, or the handler its notifications went to.</summary>
    public static string Owner(string route, bool foreign) =>
        Starts(route, "/api/v1/notifications", "/Notifications/") ? (foreign ? AuthorizationMatrixFixture.ForeignHandler : "bantochuc")
        : foreign ? AuthorizationMatrixFixture.ForeignOffice : "vanphong";

    private static bool Starts(string route, params string[] prefixes) => prefixes.Any(p => route.StartsWith(p, StringComparison.Ordinal));

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*(\([^)]*\))?[^}]*)?\??\}")]
    private static partial Regex Parameter();
}

/// <summary>
/// Every endpoint and page the app maps × every role (and no account) × an object of the caller's
/// own committee and one of another province (ADR 0019). The expectations:
/// an object of the other province is never served to a demo account (403 or 404, or the sign-in
/// page), and posting to it changes nothing; a list, search, feed or export never shows a demo
/// account a text of the other province; nothing answers 5xx; the administration pages are the
/// administrator's; and each object of the caller's committee is served to its office, so the
/// out-of-scope answers are about scope and not about a wrong id.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixFixture app) : IClassFixture<AuthorizationMatrixFixture>
{
    private async Task<IReadOnlyDictionary<string, string>> PublicValuesAsync() => new Dictionary<string, string>
    {
        ["documentName"] = "v1",
        ["format"] = "rss",
        ["category"] = await app.WithDbAsync(db => db.ArticleCategories.Select(c => c.Slug).FirstAsync()),
        ["slug"] = await app.WithDbAsync(db => db.Articles.Select(a => a.Slug).FirstAsync()),
        ["document"] = "Minutes",
        ["userId"] = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "vanphong").Select(u => u.Id).SingleAsync()),
        // Administration pages and the templates are not owned by a committee: any existing row.
        ["id"] = "1",
    };

    private static bool IsApi(string route) => route.StartsWith("/api/", StringComparison.Ordinal);

    [Fact]
    public async Task Every_route_can_be_filled_for_both_committees()
    {
        var (own, _) = await app.WorldAsync();
        var values = await PublicValuesAsync();
        var unknown = MatrixRoutes.All(app.Services).Where(r => MatrixRoutes.Fill(r.Route, own, values) is null).Select(r => r.Route).ToList();
        Assert.True(unknown.Count == 0, "Routes with a parameter the matrix cannot fill (teach MatrixRoutes.Fill): " + string.Join(", ", unknown));
        Assert.True(MatrixRoutes.All(app.Services).Count > 80, "the endpoint data source lists the app's routes");
    }

    [Fact]
    public async Task Objects_of_another_province_are_never_served_to_the_demo_accounts()
    {
        var (own, foreign) = await app.WorldAsync();
        var values = await PublicValuesAsync();
        var failures = new List<string>();
        foreach (var (route, method) in MatrixRoutes.All(app.Services).Where(r => r.Method == "GET" && MatrixRoutes.NamesOwnedObject(r.Route)))
        {
            var api = IsApi(route);
            // The owner's office reads its own object: the ids are right.
            foreach (var (owner, objects) in new[] { (MatrixRoutes.Owner(route, false), own), (MatrixRoutes.Owner(route, true), foreign) })
            {
                // Only editors turn sessions into articles, and the other province has none.
                if (route.StartsWith("/Portal/Admin/FromSession", StringComparison.Ordinal) && objects == foreign) continue;
                // The made-up import job exists for no one (the refusal below still covers the route).
                if (route.Contains("{job", StringComparison.Ordinal)) continue;
                var reader = route.StartsWith("/Portal/Admin/FromSession", StringComparison.Ordinal) ? "bientap" : owner;
                var url = MatrixRoutes.Fill(route, objects, values)!;
                var response = await (await app.ClientAsync(reader, api)).GetAsync(url);
                // Opening a notification leads on to what it is about.
                var served = response.StatusCode == HttpStatusCode.OK
                    || (route.StartsWith("/Notifications/Open", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.Redirect && !Refused(response, false));
                if (!served) failures.Add($"{reader} GET {url} (own object): {(int)response.StatusCode}");
            }
            foreach (var caller in AuthorizationMatrixFixture.Callers.Where(c => c != "admin"))
            {
                var url = MatrixRoutes.Fill(route, foreign, values)!;
                var response = await (await app.ClientAsync(caller, api)).GetAsync(url);
                if (!Refused(response, caller is null)) failures.Add($"{caller ?? "anonymous"} GET {url} (other province): {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Posting_to_objects_of_another_province_is_refused_and_changes_nothing()
    {
        var (_, foreign) = await app.WorldAsync();
        var values = await PublicValuesAsync();
        var before = await StateAsync(foreign);
        var failures = new List<string>();
        foreach (var (route, method) in MatrixRoutes.All(app.Services).Where(r => r.Method == "POST" && IsApi(r.Route) && (MatrixRoutes.NamesOwnedObject(r.Route) || r.Route == "/api/v1/tasks")))
        {
            var url = MatrixRoutes.Fill(route, foreign, values)!;
            foreach (var caller in AuthorizationMatrixFixture.Callers.Where(c => c != "admin"))
            {
                var client = await app.ClientAsync(caller, api: true);
                var body = route.EndsWith("/with-files", StringComparison.Ordinal)
                    ? new MultipartFormDataContent { { JsonContent.Create(new { text = "x", answer = "x", outcome = "resolved" }), "args" } }
                    : (HttpContent)JsonContent.Create(new { text = "Ý kiến", topicId = 1, attendanceCount = 1, reason = "x", note = "x", percent = 10, unitId = 1, dueOn = "2027-01-31", conclusionId = foreign.ConclusionId, itemIds = new[] { foreign.RestrictedItemId, foreign.InternalItemId }, answeredBy = "x", kind = "opinion", stage = "atSession", confidentiality = "public" });
                var response = await client.PostAsync(url, body);
                if (!Refused(response, caller is null)) failures.Add($"{caller ?? "anonymous"} POST {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await StateAsync(foreign));
    }

    [Fact]
    public async Task No_list_search_feed_or_page_shows_a_demo_account_a_text_of_another_province()
    {
        var (own, foreign) = await app.WorldAsync();
        var values = await PublicValuesAsync();
        var failures = new List<string>();
        foreach (var (route, _) in MatrixRoutes.All(app.Services).Where(r => r.Method == "GET"))
        {
            var api = IsApi(route);
            // Public pages about a session (the portal's results) with the other province's session too;
            // the routes of owned objects with it are the refusal test's.
            var urls = new[] { own, foreign }.Where(o => o == own || !MatrixRoutes.NamesOwnedObject(route))
                .Select(o => MatrixRoutes.Fill(route, o, values)!).Distinct().ToList();
            // Where the page searches, the other province's texts are one word away. The query is sent in
            // lower case so that the search box repeating it is not taken for a hit ("Xyzzymatrix" is).
            if (route is "/Search" or "/Search/Index" or "/api/v1/search" or "/Portal/Search")
                urls = [.. urls.Select(u => u + "?q=" + AuthorizationMatrixFixture.Marker.ToLowerInvariant())];
            foreach (var caller in AuthorizationMatrixFixture.Callers.Where(c => c != "admin"))
                foreach (var u in urls)
                {
                    var response = await (await app.ClientAsync(caller, api)).GetAsync(u);
                    if ((int)response.StatusCode >= 500) failures.Add($"{caller ?? "anonymous"} GET {u}: {(int)response.StatusCode}");
                    else if ((await Readable.TextAsync(response)).Contains(AuthorizationMatrixFixture.Marker, StringComparison.Ordinal))
                        failures.Add($"{caller ?? "anonymous"} GET {u}: shows a text of the other province");
                }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task The_administration_pages_are_the_administrators_alone()
    {
        await app.WorldAsync();
        var values = await PublicValuesAsync();
        var failures = new List<string>();
        foreach (var (route, _) in MatrixRoutes.All(app.Services).Where(r => r.Method == "GET" && (r.Route == "/Admin" || r.Route.StartsWith("/Admin/", StringComparison.Ordinal))))
        {
            var url = MatrixRoutes.Fill(route, new OwnedObjects(1, 1, 1, 1, 1, 1, 1), values)!;
            foreach (var caller in AuthorizationMatrixFixture.Callers)
            {
                var response = await (await app.ClientAsync(caller, api: false)).GetAsync(url);
                var ok = caller == "admin" ? response.StatusCode == HttpStatusCode.OK : Refused(response, caller is null);
                if (!ok) failures.Add($"{caller ?? "anonymous"} GET {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_restricted_item_of_the_callers_own_province_is_read_only_by_the_host_office_its_leaders_and_the_lead_unit()
    {
        var (own, _) = await app.WorldAsync();
        var values = await PublicValuesAsync();
        var readers = new HashSet<string?> { "admin", "vanphong", "lanhdao", "bantochuc" };
        var failures = new List<string>();
        foreach (var (route, _) in MatrixRoutes.All(app.Services).Where(r => r.Method == "GET" && r.Route.Contains("{id:int}", StringComparison.Ordinal)
            && (r.Route.StartsWith("/api/v1/items/", StringComparison.Ordinal) || r.Route.StartsWith("/Items/{", StringComparison.Ordinal))))
        {
            var url = MatrixRoutes.Fill(route, own, values)!;
            foreach (var caller in AuthorizationMatrixFixture.Callers)
            {
                var response = await (await app.ClientAsync(caller, IsApi(route))).GetAsync(url);
                var ok = readers.Contains(caller) ? response.StatusCode == HttpStatusCode.OK : Refused(response, caller is null);
                if (!ok) failures.Add($"{caller ?? "anonymous"} GET {url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>403/404, 401 for the API without a token, or the sign-in / access-denied page.</summary>
    private static bool Refused(HttpResponseMessage response, bool anonymous) => response.StatusCode switch
    {
        HttpStatusCode.Forbidden or HttpStatusCode.NotFound => true,
        HttpStatusCode.Unauthorized => anonymous,
        HttpStatusCode.Redirect or HttpStatusCode.Found => response.Headers.Location?.OriginalString is { } to
            && (to.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) || to.Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    /// <summary>What posting must not change: statuses and counts of the other province's objects.</summary>
    private Task<string> StateAsync(OwnedObjects o) => app.WithDbAsync(async db =>
        string.Join("|",
            await db.Sessions.Where(s => s.Id == o.SessionId).Select(s => s.Status.ToString()).SingleAsync(),
            string.Join(",", await db.Items.Where(i => i.SessionId == o.SessionId).OrderBy(i => i.Id).Select(i => i.Status.ToString() + i.History.Count).ToListAsync()),
            await db.Tasks.Where(t => t.SessionId == o.SessionId).CountAsync(),
            string.Join(",", await db.Tasks.Where(t => t.SessionId == o.SessionId).OrderBy(t => t.Id).Select(t => t.Status.ToString()).ToListAsync()),
            await db.Conclusions.CountAsync(c => c.SessionId == o.SessionId)));
}

/// <summary>The text a response shows: the body, or the XML inside an Office file.</summary>
public static class Readable
{
    public static async Task<string> TextAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            var parts = new List<string>();
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                parts.Add(await reader.ReadToEndAsync());
            }
            return string.Join("\n", parts);
        }
        return System.Text.Encoding.UTF8.GetString(bytes);
    }
}
