using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DoiThoai.Tests.Features.Sessions;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Items;

/// <summary>
/// Builds the situations the follow-up tests start from, through the API as the office would:
/// a held session, an item classified and accepted, an assignment; and the files a handler uploads.
/// </summary>
internal static class ItemFlow
{
    public const string Organisation = "Ban Tổ chức Tỉnh ủy Bắc Ninh";
    public const string Propaganda = "Ban Tuyên giáo và Dân vận";

    /// <summary>The id of a unit of today whose name starts with <paramref name="prefix"/>.</summary>
    public static Task<int> CurrentUnitAsync(this AppFactory app, string prefix) =>
        app.WithDbAsync(db => db.OrgUnits.Where(u => u.Name.StartsWith(prefix) && u.ValidTo == null).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync());

    public static async Task<int> HeldSessionAsync(this AppFactory app, HttpClient office)
    {
        var id = (await SessionsApiTests.PlanAsync(office, app))["id"]!.GetValue<int>();
        await office.PostJsonAsync($"/api/v1/sessions/{id}/actions/hold", new { attendanceCount = 60 }, HttpStatusCode.OK);
        return id;
    }

    /// <summary>Records an item at the session; the speaker is a registered person when given.</summary>
    public static async Task<int> RaiseAsync(HttpClient office, int sessionId, string text, int? raisedByPersonId = null,
        string confidentiality = "internal", string kind = "opinion", int? onBehalfOfUnitId = null)
    {
        var item = await office.PostJsonAsync($"/api/v1/sessions/{sessionId}/items", new
        {
            kind,
            stage = "atSession",
            raisedByPersonId,
            speakerName = raisedByPersonId is null ? "Bí thư Chi bộ thôn Đông" : null,
            onBehalfOfUnitId,
            confidentiality,
            text,
        }, HttpStatusCode.Created);
        return item["id"]!.GetValue<int>();
    }

    /// <summary>Classifies (keeping the confidentiality) and accepts: ready to assign.</summary>
    public static async Task ReadyToAssignAsync(this AppFactory app, HttpClient office, int itemId)
    {
        await office.PostJsonAsync($"/api/v1/items/{itemId}/actions/classify", new { topicId = await app.TopicIdAsync() }, HttpStatusCode.OK);
        await office.PostJsonAsync($"/api/v1/items/{itemId}/actions/accept", new { note = "Lãnh đạo tiếp thu" }, HttpStatusCode.OK);
    }

    /// <summary>
    /// Assigns a raised item to Ban Tổ chức, whose handler (bantochuc) starts it and drafts an
    /// answer: a draft only the office, the leaders and that unit may read. Returns the handler's client.
    /// </summary>
    public static async Task<HttpClient> DraftAnswerByOrganisationAsync(this AppFactory app, HttpClient office, int itemId, string draft)
    {
        await app.ReadyToAssignAsync(office, itemId);
        await office.ActAsync(itemId, "assign", new { leadUnitId = await app.UnitIdAsync(Organisation), dueOn = "2026-12-31" });
        var handler = await app.ApiClientAsync("bantochuc");
        await handler.ActAsync(itemId, "start");
        await handler.ActAsync(itemId, "draft-answer", new { answer = draft, outcome = "explained" });
        return handler;
    }

    public static Task<JsonNode> ActAsync(this HttpClient client, int itemId, string action, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        client.PostJsonAsync($"/api/v1/items/{itemId}/actions/{action}", body ?? new { }, expected);

    /// <summary>A refused or invalid action: asserts the problem answer and returns it.</summary>
    public static async Task<JsonNode> RefusedAsync(this HttpClient client, int itemId, string action, object? body, HttpStatusCode expected) =>
        await ApiJson.AssertProblemAsync(await client.PostAsync($"/api/v1/items/{itemId}/actions/{action}", JsonContent.Create(body ?? new { })), expected);

    public static IReadOnlyList<string> Strings(this JsonNode? array) =>
        array!.AsArray().Select(a => a!.GetValue<string>()).ToList();

    public static IReadOnlyList<string> HistoryActions(this JsonNode item) =>
        item["history"]!.AsArray().Select(h => h!["action"]!.GetValue<string>()).ToList();

    /// <summary>A department handler of another unit, created once per app (the demo data has one handler).</summary>
    public static async Task CreateHandlerAsync(this AppFactory app, string userName, string unitPrefix)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null) return;
        var unitId = await app.CurrentUnitAsync(unitPrefix);
        var user = new AppUser
        {
            UserName = userName, Email = userName + "@doithoai.example", EmailConfirmed = true,
            DisplayName = "Cán bộ " + userName, OrgUnitId = unitId,
        };
        var created = await users.CreateAsync(user, AppFactory.DemoPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.DepartmentHandler)).Succeeded);
    }

    /// <summary>Moves the current assignment's deadline, as if it had been given long ago.</summary>
    public static Task SetDueOnAsync(this AppFactory app, int itemId, DateOnly dueOn) =>
        app.WithDbAsync(db => db.Assignments.Where(a => a.ItemId == itemId).ExecuteUpdateAsync(s => s.SetProperty(a => a.DueOn, dueOn)));

    // Files as a handler would attach them.
    public static byte[] Pdf(string text = "Báo cáo kết quả") =>
        Encoding.UTF8.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\n%%EOF\n");

    /// <summary>The start of a Windows program (MZ header): what a disguised upload really is.</summary>
    public static byte[] Exe() => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. new byte[512]];

    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, .. new byte[64]];

    /// <summary>A zip with the parts of an Office file: word/ makes it a DOCX, xl/ an XLSX, neither a plain zip.</summary>
    public static byte[] OfficeZip(string? part)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            if (part is not null) Write(zip, part, "<?xml version=\"1.0\"?><document/>");
            else Write(zip, "readme.txt", "not an office file");
        }
        return buffer.ToArray();

        static void Write(ZipArchive zip, string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
    }

    /// <summary>
    /// Posts an action form of the item page as multipart, with its antiforgery token, the fields
    /// the test sets and the files: what a browser sends for a form with a file input.
    /// </summary>
    public static async Task<HttpResponseMessage> PostWithFilesAsync(HttpClient browser, int itemId, string action,
        (string Name, string Value)[] values, params (string FileName, byte[] Content)[] files)
    {
        var form = await Html.GetFormAsync(browser, $"/Items/{itemId}", $"form[action*='action={action}']");
        var content = new MultipartFormDataContent();
        var names = values.Select(v => v.Name).ToHashSet();
        foreach (var field in form.Where(f => !names.Contains(f.Key) && f.Key != "Act.Files"))
            content.Add(new StringContent(field.Value), field.Key);
        foreach (var (name, value) in values) content.Add(new StringContent(value), name);
        foreach (var (fileName, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Act.Files", fileName);
        }
        if (files.Length == 0)
        {
            // A browser sends an empty file input as a part with an empty file name.
            var none = new ByteArrayContent([]);
            none.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            none.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"Act.Files\"", FileName = "\"\"" };
            content.Add(none);
        }
        return await browser.PostAsync(form.Action, content);
    }

    /// <summary>The API's multipart variant of an action: "args" as JSON and the files.</summary>
    public static async Task<HttpResponseMessage> PostApiWithFilesAsync(HttpClient api, int itemId, string action, object args,
        params (string FileName, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { JsonContent.Create(args), "args" } };
        foreach (var (fileName, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "files", fileName);
        }
        return await api.PostAsync($"/api/v1/items/{itemId}/actions/{action}/with-files", content);
    }
}
