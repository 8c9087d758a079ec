using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;

namespace DoiThoai.Tests.Features.Sessions;

/// <summary>
/// Steps the page tests share, done the way a user does them: open the page, fill the form that is
/// there, post it. Each test plans the sessions it changes, with a unique title, so tests never
/// depend on each other nor on the exact demo rows they do not read.
/// </summary>
internal static class SessionPages
{
    public const string CurrentProvince = "Tỉnh ủy Bắc Ninh";

    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Plans a session through /Sessions/Create and returns its id, read from the redirect.</summary>
    public static async Task<int> PlanSessionAsync(this AppFactory app, HttpClient office, string title, string startsAt = "2026-12-20T08:00")
    {
        var response = await PostSessionFormAsync(app, office, title, startsAt);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFromRedirect(response, "/Sessions/");
    }

    public static async Task<HttpResponseMessage> PostSessionFormAsync(AppFactory app, HttpClient office, string title, string startsAt = "2026-12-20T08:00",
        string place = "Hội trường Tỉnh ủy", string agenda = "Báo cáo; thảo luận; kết luận")
    {
        var form = await Html.GetFormAsync(office, "/Sessions/Create");
        var host = await app.UnitIdAsync(CurrentProvince);
        var chair = await app.PersonIdAsync("Thân Văn Khoa");
        return await office.PostAsync("/Sessions/Create", form.With(
            ("Input.Title", title), ("Input.HostUnitId", Id(host)), ("Input.StartsAt", startsAt),
            ("Input.Place", place), ("Input.Agenda", agenda),
            ("Input.Chairs[0].PersonId", Id(chair)), ("Input.Chairs[0].RoleTitle", "Chủ trì hội nghị")));
    }

    /// <summary>Posts the form of one session action as it is on the page, with the fields the test fills in.</summary>
    public static async Task<HttpResponseMessage> PerformAsync(HttpClient client, int sessionId, string action, params (string Name, string Value)[] values)
    {
        var form = await Html.GetFormAsync(client, $"/Sessions/{sessionId}", $"form[action*='action={action}']");
        return await client.PostAsync(form.Action, form.With(values));
    }

    /// <summary>Posts to an action even though its form is not on the page (a stale page or a hand-made request).</summary>
    public static async Task<HttpResponseMessage> PostWithoutFormAsync(HttpClient client, string pageUrl, string postUrl, params (string Name, string Value)[] values)
    {
        // The language switch is on every page and carries the antiforgery token of this browser.
        var tokenSource = await Html.GetFormAsync(client, pageUrl, "form.lang");
        var token = tokenSource.Single(f => f.Key == "__RequestVerificationToken");
        return await client.PostAsync(postUrl, new FormUrlEncodedContent([token, .. values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value))]));
    }

    public static int IdFromRedirect(HttpResponseMessage response, string prefix)
    {
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(prefix, location);
        return int.Parse(location[prefix.Length..].Split('?', '/')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>Follows the redirect after a successful post and returns the page it leads to.</summary>
    public static async Task<IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await Html.GetDocumentAsync(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>The messages of the error summary at the top of a refused form.</summary>
    public static string Errors(IHtmlDocument page) =>
        page.QuerySelector(".errors")?.TextContent.Trim() ?? "";

    /// <summary>The value an input shows (what the user typed survives a refused post).</summary>
    public static string? InputValue(IHtmlDocument page, string selector) =>
        (page.QuerySelector(selector) as IHtmlInputElement)?.Value;

    /// <summary>The text of the history table, row by row ("Thao tác | Từ | Đến").</summary>
    public static IReadOnlyList<string> HistoryRows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.history tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Skip(2).Take(3).Select(c => c.TextContent.Trim())))
            .ToList();
}
