using System.Globalization;
using System.Net;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using static DoiThoai.Tests.Features.Admin.AdminPages;

namespace DoiThoai.Tests.Features.Calendar;

/// <summary>
/// /Admin/Calendar and /Admin/DeadlineRules. Each test works in a year of its own (2031–2039) so
/// the tests sharing this database do not see each other's days.
/// </summary>
public sealed class CalendarPagesTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<HttpResponseMessage> AddDayAsync(HttpClient admin, string date, string kind, string name)
    {
        var form = await Html.GetFormAsync(admin, "/Admin/Calendar", "form#add-day");
        return await admin.PostAsync("/Admin/Calendar", form.With(("Input.Date", date), ("Input.Kind", kind), ("Input.Name", name)));
    }

    [Fact]
    public async Task The_seeded_holidays_of_a_year_are_listed_with_the_count_of_working_days()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var page = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=2026");
        Assert.Contains("2026", page.QuerySelector("h1")!.TextContent);
        var tet = page.QuerySelector("#calendar-days tr[data-date='2026-02-17']");
        Assert.NotNull(tet);
        Assert.Contains("Thứ Ba, 17/02/2026", tet.TextContent);
        Assert.Contains("Tết Nguyên đán (mùng 1)", tet.TextContent);
        Assert.Contains("Ngày lễ, Tết", tet.TextContent);
        Assert.NotNull(page.QuerySelector("#calendar-days tr[data-date='2026-04-27']"));
        Assert.Equal("2026", (page.QuerySelector("#choose-year select") as AngleSharp.Html.Dom.IHtmlSelectElement)!.Value);
        Assert.NotNull(page.QuerySelector("nav.admin-nav a[href='/Admin/Calendar'][aria-current='page']"));

        // A year that is not a year shows the current one (27/11/2026 in the tests) rather than an error.
        var fallback = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=abc");
        Assert.Contains("2026", fallback.QuerySelector("h1")!.TextContent);
        var far = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=99999");
        Assert.Contains("2026", far.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task A_make_up_Saturday_is_added_seen_and_counts_at_once_and_a_second_row_for_the_date_is_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var saturday = D("2031-01-11");
        // Read first so that the calendar is cached: the add must drop the cache.
        Assert.False(await app.WithCalendarAsync(c => c.IsWorkingDayAsync(saturday)));

        var added = await AddDayAsync(admin, "11/01/2031", "WorkingDay", "Làm bù thử");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal("/Admin/Calendar?year=2031", added.Headers.Location!.OriginalString);

        var list = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=2031");
        Assert.Contains("Đã thêm ngày Thứ Bảy, 11/01/2031 vào lịch.", list.QuerySelector(".flash")!.TextContent);
        var row = list.QuerySelector("#calendar-days tr[data-date='2031-01-11']");
        Assert.NotNull(row);
        Assert.Contains("Làm bù thử", row.TextContent);
        Assert.True(await app.WithCalendarAsync(c => c.IsWorkingDayAsync(saturday)));
        Assert.Equal(saturday, await app.WithCalendarAsync(c => c.AddWorkingDaysAsync(D("2031-01-10"), 1)));

        var duplicate = await AddDayAsync(admin, "2031-01-11", "WorkingDay", "Làm bù lần hai");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        var page = await Html.ParseAsync(duplicate);
        Assert.Equal("Ngày này đã có trong lịch. Hãy sửa dòng đã có thay vì thêm dòng mới.", FieldError(page, "Input.Date"));
        Assert.Equal("Làm bù lần hai", InputValue(page, "Input.Name"));
        Assert.Equal(1, await app.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date == saturday)));
    }

    [Theory]
    [InlineData("31/02/2032", "Holiday", "Ngày sai", "Input.Date", "Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 08/09/2017.")]
    [InlineData("", "Holiday", "Không có ngày", "Input.Date", "Vui lòng nhập ngày.")]
    [InlineData("2032-03-01", "", "Không có loại", "Input.Kind", "Vui lòng chọn loại ngày.")]
    [InlineData("2032-03-01", "Festival", "Loại lạ", "Input.Kind", "Giá trị “Festival” không hợp lệ.")]
    [InlineData("2032-03-01", "7", "Loại số", "Input.Kind", "Giá trị “7” không hợp lệ.")]
    [InlineData("2032-03-01", "Holiday", " ", "Input.Name", "Vui lòng nhập tên ngày, ví dụ: Tết Nguyên đán (mùng 1).")]
    [InlineData("2032-03-02", "WorkingDay", "Thứ Ba làm bù", "Input.Date", "Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.")]
    [InlineData("2032-03-06", "DayOff", "Thứ Bảy nghỉ bù", "Input.Date", "Ngày nghỉ bù phải là một ngày từ thứ Hai đến thứ Sáu.")]
    public async Task Bad_input_is_refused_with_400_and_the_message_beside_the_field(string date, string kind, string name, string field, string message)
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var response = await AddDayAsync(admin, date, kind, name);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, FieldError(await Html.ParseAsync(response), field));
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date.Year == 2032)));
    }

    [Fact]
    public async Task A_day_is_edited_then_removed_after_a_confirmation()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        Assert.Equal(HttpStatusCode.Redirect, (await AddDayAsync(admin, "2033-03-07", "DayOff", "Nghỉ thử")).StatusCode);
        var id = await app.WithDbAsync(db => db.CalendarDays.Where(d => d.Date == D("2033-03-07")).Select(d => d.Id).SingleAsync());

        var edit = await Html.GetFormAsync(admin, $"/Admin/Calendar/{id}/Edit");
        Assert.Equal("2033-03-07", edit.Single(f => f.Key == "Input.Date").Value);
        Assert.Equal("DayOff", edit.Single(f => f.Key == "Input.Kind").Value);
        var saved = await admin.PostAsync($"/Admin/Calendar/{id}/Edit", edit.With(("Input.Date", "2033-03-08"), ("Input.Kind", "Holiday"), ("Input.Name", "Lễ thử")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var day = await app.WithDbAsync(db => db.CalendarDays.AsNoTracking().SingleAsync(d => d.Id == id));
        Assert.Equal((D("2033-03-08"), CalendarDayKind.Holiday, "Lễ thử"), (day.Date, day.Kind, day.Name));
        Assert.False(await app.WithCalendarAsync(c => c.IsWorkingDayAsync(D("2033-03-08"))));

        // Moving it onto a date that has a row already is refused like adding one.
        Assert.Equal(HttpStatusCode.Redirect, (await AddDayAsync(admin, "2033-03-09", "Holiday", "Lễ khác")).StatusCode);
        var clash = await admin.PostAsync($"/Admin/Calendar/{id}/Edit", edit.With(("Input.Date", "09/03/2033"), ("Input.Kind", "Holiday"), ("Input.Name", "Lễ thử")));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        Assert.Equal("Ngày này đã có trong lịch. Hãy sửa dòng đã có thay vì thêm dòng mới.", FieldError(await Html.ParseAsync(clash), "Input.Date"));

        // The list links to a confirmation page; only its POST removes.
        var list = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=2033");
        Assert.NotNull(list.QuerySelector($"a[href='/Admin/Calendar/{id}/Delete']"));
        var confirm = await Html.GetDocumentAsync(admin, $"/Admin/Calendar/{id}/Delete");
        Assert.Contains("Lễ thử", confirm.QuerySelector("main")!.TextContent);
        Assert.True(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Id == id)));
        var form = await Html.GetFormAsync(admin, $"/Admin/Calendar/{id}/Delete", "form#confirm-delete");
        var removed = await admin.PostAsync($"/Admin/Calendar/{id}/Delete", form.With());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Id == id)));
        Assert.True(await app.WithCalendarAsync(c => c.IsWorkingDayAsync(D("2033-03-08"))));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Calendar/{id}/Edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/Admin/Calendar/{id}/Delete", form.With())).StatusCode);
    }

    [Fact]
    public async Task A_deadline_rule_is_added_used_at_once_edited_and_duplicates_or_bad_days_are_refused()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var form = await Html.GetFormAsync(admin, "/Admin/DeadlineRules", "form#add-rule");
        var added = await admin.PostAsync("/Admin/DeadlineRules", form.With(
            ("Input.ItemKind", "Proposal"), ("Input.Role", "CoOperating"), ("Input.Days", "3"), ("Input.WorkingDays", "true"),
            ("Input.Note", "Đề xuất: phối hợp trong 3 ngày làm việc")));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var from = D("2026-02-13");
        var calendar = await app.WithCalendarAsync(c => c.CurrentAsync());
        Assert.Equal(calendar.AddWorkingDays(from, 3), await app.WithCalendarAsync(c => c.DueOnAsync(ItemKind.Proposal, DeadlineRole.CoOperating, from)));
        // The other role of the same kind still follows the general rule.
        Assert.Equal(calendar.AddWorkingDays(from, 15), await app.WithCalendarAsync(c => c.DueOnAsync(ItemKind.Proposal, DeadlineRole.Lead, from)));

        var list = await Html.GetDocumentAsync(admin, "/Admin/DeadlineRules");
        Assert.Contains("Đã thêm quy định thời hạn.", list.QuerySelector(".flash")!.TextContent);
        var row = list.QuerySelectorAll("#deadline-rules tbody tr").Single(tr => tr.TextContent.Contains("Đề xuất"));
        Assert.Contains("Đơn vị phối hợp", row.TextContent);
        Assert.Contains("3 ngày làm việc", row.TextContent);
        Assert.Contains(list.QuerySelectorAll("#deadline-rules tbody tr"), tr => tr.TextContent.Contains("Kiến nghị") && tr.TextContent.Contains("60 ngày theo lịch"));

        var duplicate = await admin.PostAsync("/Admin/DeadlineRules", form.With(
            ("Input.ItemKind", "Proposal"), ("Input.Role", "CoOperating"), ("Input.Days", "4"), ("Input.WorkingDays", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Equal("Đã có quy định thời hạn cho loại ý kiến và đơn vị này. Hãy sửa quy định đã có.", FieldError(await Html.ParseAsync(duplicate), "Input.ItemKind"));
        // A second general rule too, which the unique index alone would let through (NULL kinds differ).
        var general = await admin.PostAsync("/Admin/DeadlineRules", form.With(
            ("Input.ItemKind", ""), ("Input.Role", "Lead"), ("Input.Days", "10"), ("Input.WorkingDays", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, general.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.DeadlineRules.CountAsync(r => r.ItemKind == null && r.Role == DeadlineRole.Lead)));

        foreach (var days in new[] { "0", "366", "-5" })
        {
            var bad = await admin.PostAsync("/Admin/DeadlineRules", form.With(
                ("Input.ItemKind", "Opinion"), ("Input.Role", "Lead"), ("Input.Days", days), ("Input.WorkingDays", "true")));
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Equal("Số ngày phải là số nguyên từ 1 đến 365.", FieldError(await Html.ParseAsync(bad), "Input.Days"));
        }
        var words = await admin.PostAsync("/Admin/DeadlineRules", form.With(
            ("Input.ItemKind", "Opinion"), ("Input.Role", "Lead"), ("Input.Days", "mười"), ("Input.WorkingDays", "maybe")));
        Assert.Equal(HttpStatusCode.BadRequest, words.StatusCode);
        var wordsPage = await Html.ParseAsync(words);
        Assert.Equal("Giá trị “mười” không hợp lệ.", FieldError(wordsPage, "Input.Days"));
        Assert.Equal("Giá trị “maybe” không hợp lệ.", FieldError(wordsPage, "Input.WorkingDays"));

        var id = await app.WithDbAsync(db => db.DeadlineRules.Where(r => r.ItemKind == ItemKind.Proposal && r.Role == DeadlineRole.CoOperating).Select(r => r.Id).SingleAsync());
        var edit = await Html.GetFormAsync(admin, $"/Admin/DeadlineRules/{id}/Edit");
        Assert.Equal("3", edit.Single(f => f.Key == "Input.Days").Value);
        Assert.Equal("Proposal", edit.Single(f => f.Key == "Input.ItemKind").Value);
        Assert.Equal("true", edit.Single(f => f.Key == "Input.WorkingDays").Value);
        var saved = await admin.PostAsync($"/Admin/DeadlineRules/{id}/Edit", edit.With(("Input.Days", "10"), ("Input.WorkingDays", "false")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(calendar.NextWorkingDayFrom(from.AddDays(10)), await app.WithCalendarAsync(c => c.DueOnAsync(ItemKind.Proposal, DeadlineRole.CoOperating, from)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/DeadlineRules/999999/Edit")).StatusCode);
    }

    [Theory]
    [InlineData("/Admin/Calendar")]
    [InlineData("/Admin/Calendar/1/Edit")]
    [InlineData("/Admin/Calendar/1/Delete")]
    [InlineData("/Admin/DeadlineRules")]
    [InlineData("/Admin/DeadlineRules/1/Edit")]
    public async Task Non_administrators_are_refused(string url)
    {
        var office = await app.SignedInBrowserAsync("vanphong");
        var response = await office.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_post_from_a_non_administrator_adds_nothing()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var form = await Html.GetFormAsync(admin, "/Admin/Calendar", "form#add-day");
        var office = await app.SignedInBrowserAsync("vanphong");
        var response = await office.PostAsync("/Admin/Calendar", form.With(("Input.Date", "2034-05-02"), ("Input.Kind", "DayOff"), ("Input.Name", "Không được thêm")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        Assert.False(await app.WithDbAsync(db => db.CalendarDays.AnyAsync(d => d.Date == D("2034-05-02"))));
    }

    [Fact]
    public async Task The_admin_start_page_and_menu_link_to_both_pages_and_both_read_in_English()
    {
        var admin = await app.SignedInBrowserAsync("admin");
        var index = await Html.GetDocumentAsync(admin, "/Admin");
        Assert.NotNull(index.QuerySelector(".admin-sections a[href='/Admin/Calendar']"));
        Assert.NotNull(index.QuerySelector(".admin-sections a[href='/Admin/DeadlineRules']"));
        Assert.NotNull(index.QuerySelector("nav.admin-nav a[href='/Admin/DeadlineRules']"));

        var english = await Html.GetDocumentAsync(admin, "/Admin/Calendar?year=2026&culture=en-US");
        Assert.Contains("Working calendar", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("Tuesday, February 17, 2026", english.QuerySelector("#calendar-days tr[data-date='2026-02-17']")!.TextContent);
        var rules = await Html.GetDocumentAsync(admin, "/Admin/DeadlineRules?culture=en-US");
        Assert.Contains(rules.QuerySelectorAll("#deadline-rules td"), td => td.TextContent == "15 working days");
    }
}
