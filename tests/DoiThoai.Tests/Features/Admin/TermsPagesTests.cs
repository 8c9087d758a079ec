using System.Net;
using static DoiThoai.Tests.Features.Admin.AdminPages;

namespace DoiThoai.Tests.Features.Admin;

public sealed class TermsPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static async Task<HttpResponseMessage> PostTermAsync(HttpClient admin, int unit, string name, string starts, string ends)
    {
        var form = await Html.GetFormAsync(admin, "/Admin/Terms", "form#add-term");
        return await admin.PostAsync("/Admin/Terms", form.With(
            ("Input.OrgUnitId", Id(unit)), ("Input.Name", name), ("Input.StartsOn", starts), ("Input.EndsOn", ends)));
    }

    [Fact]
    public async Task A_term_is_created_and_an_overlapping_term_of_the_same_unit_is_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Đảng bộ có nhiệm kỳ"));
        var other = await CreateUnitAsync(admin, kind, Unique("Đảng bộ khác"));

        var created = await PostTermAsync(admin, unit, "2020–2025", "2020-10-15", "2025-10-15");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var list = await Html.GetDocumentAsync(admin, $"/Admin/Terms?unitId={unit}");
        var row = list.QuerySelectorAll("tbody tr").Single();
        Assert.Contains("2020–2025", row.TextContent);
        Assert.Contains("15/10/2020", row.TextContent);

        var overlapping = await PostTermAsync(admin, unit, "2024–2029", "2024-01-01", "2029-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        var page = await Html.ParseAsync(overlapping);
        Assert.Contains("trùng thời gian với nhiệm kỳ 2020–2025", FieldError(page, "Input.StartsOn"));
        Assert.Equal("2024–2029", InputValue(page, "Input.Name"));

        // The next term may open on the day the previous one closed, and another unit's terms do not clash.
        Assert.Equal(HttpStatusCode.Redirect, (await PostTermAsync(admin, unit, "2025–2030", "2025-10-15", "2030-10-15")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostTermAsync(admin, other, "2024–2029", "2024-01-01", "2029-01-01")).StatusCode);

        Assert.Equal(["2020–2025", "2025–2030"], await app.WithDbAsync(db =>
            db.Terms.Where(t => t.OrgUnitId == unit).OrderBy(t => t.StartsOn).Select(t => t.Name).ToListAsync()));
    }

    [Fact]
    public async Task A_term_that_ends_before_it_starts_or_names_an_unknown_unit_is_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Đảng bộ ngày sai"));

        var backwards = await PostTermAsync(admin, unit, "2025–2020", "2025-01-01", "2020-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.", FieldError(await Html.ParseAsync(backwards), "Input.EndsOn"));

        var unknown = await PostTermAsync(admin, 987654, "2020–2025", "2020-01-01", "2025-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Đơn vị không tồn tại.", FieldError(await Html.ParseAsync(unknown), "Input.OrgUnitId"));

        Assert.False(await app.WithDbAsync(db => db.Terms.AnyAsync(t => t.OrgUnitId == unit)));
    }

    [Fact]
    public async Task Editing_a_term_checks_overlap_against_the_other_terms_only()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var kind = await app.CreateKindAsync(admin);
        var unit = await CreateUnitAsync(admin, kind, Unique("Đảng bộ sửa nhiệm kỳ"));
        await PostTermAsync(admin, unit, "2015–2020", "2015-10-01", "2020-10-01");
        await PostTermAsync(admin, unit, "2020–2025", "2020-10-01", "2025-10-01");
        var id = await app.WithDbAsync(db => db.Terms.Where(t => t.OrgUnitId == unit && t.Name == "2020–2025").Select(t => t.Id).SingleAsync());

        var form = await Html.GetFormAsync(admin, $"/Admin/Terms/{id}/Edit");
        var moved = await admin.PostAsync($"/Admin/Terms/{id}/Edit", form.With(("Input.EndsOn", "2025-11-20")));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var clash = await admin.PostAsync($"/Admin/Terms/{id}/Edit", form.With(("Input.StartsOn", "2019-01-01")));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Contains("2015–2020", FieldError(await Html.ParseAsync(clash), "Input.StartsOn"));
    }
}
