using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;

namespace DoiThoai.Tests.Features.Admin;

/// <summary>
/// Steps the administration tests share. Each test makes the kinds and units it needs through the
/// forms, with unique names, so it does not depend on the exact demo rows nor on other tests.
/// </summary>
internal static class AdminPages
{
    public static string Unique(string prefix) => prefix + " " + Guid.NewGuid().ToString("N")[..8];

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Adds a unit kind through /Admin/UnitKinds and returns its id.</summary>
    public static async Task<int> CreateKindAsync(this AppFactory app, HttpClient admin)
    {
        var code = "k" + Guid.NewGuid().ToString("N")[..12];
        var form = await Html.GetFormAsync(admin, "/Admin/UnitKinds", "form#add-kind");
        var response = await admin.PostAsync("/Admin/UnitKinds",
            form.With(("Input.Code", code), ("Input.Name", "Loại thử " + code), ("Input.Level", "20")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.OrgUnitKinds.Where(k => k.Code == code).Select(k => k.Id).SingleAsync());
    }

    /// <summary>Posts the unit form (create) with the given values; the caller checks the answer.</summary>
    public static async Task<HttpResponseMessage> PostUnitAsync(HttpClient admin, int kindId, string name,
        int? parentId = null, string validFrom = "2000-01-01", string validTo = "")
    {
        var form = await Html.GetFormAsync(admin, "/Admin/Units/Create");
        return await admin.PostAsync("/Admin/Units/Create", form.With(
            ("Input.Name", name), ("Input.KindId", Id(kindId)), ("Input.ParentId", parentId is { } p ? Id(p) : ""),
            ("Input.ValidFrom", validFrom), ("Input.ValidTo", validTo)));
    }

    /// <summary>Creates a unit through the form and returns its id, read from the redirect to its page.</summary>
    public static async Task<int> CreateUnitAsync(HttpClient admin, int kindId, string name,
        int? parentId = null, string validFrom = "2000-01-01", string validTo = "")
    {
        var response = await PostUnitAsync(admin, kindId, name, parentId, validFrom, validTo);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/Admin/Units/\d+$", location);
        return int.Parse(location.Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>The message shown beside a field (by its posted name), or null.</summary>
    public static string? FieldError(IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;

    /// <summary>The value an input shows (what the user typed survives a refused post).</summary>
    public static string? InputValue(IHtmlDocument page, string field) =>
        (page.QuerySelector($"[name='{field}']") as IHtmlInputElement)?.Value;
}
