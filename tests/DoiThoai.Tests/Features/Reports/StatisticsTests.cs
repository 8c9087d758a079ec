using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using static DoiThoai.Tests.Features.Items.ItemFlow;

namespace DoiThoai.Tests.Features.Reports;

/// <summary>
/// The statistics on a small data set recorded through the API in March 2027 (away from the demo's
/// dates): exact counts, outcome split, on-time rate and average working days; sub-units; the scope
/// and bad-period refusals; and the 2017 demo session reported under the successor units and under
/// the historical ones.
/// </summary>
public sealed class StatisticsTests(StatisticsTests.Data data) : IClassFixture<StatisticsTests.Data>
{
    private AppFactory app => data.App;
    private const string Ward = "Đảng ủy phường Nếnh";
    private const string Branch = "Chi bộ thôn Nội Ninh";
    private const string March = "from=2027-03-01&to=2027-03-31";

    /// <summary>
    /// Five items raised on Monday 01/03/2027 at a session of Đảng ủy phường Nếnh: A answered at the
    /// session (resolved); B assigned (due 10/03), answer approved 05/03 (explained, on time, 4
    /// working days); C assigned (due 03/03), approved 08/03 (scheduled, late, 5 working days); D
    /// assigned (due 04/03), still open (overdue on 09/03); E only received, not classified.
    /// </summary>
    public sealed class Data : IAsyncLifetime
    {
        public AppFactory App { get; } = new();

        private void At(int day, int hour) =>
            App.Clock.SetUtcNow(new DateTimeOffset(VietnamTime.ToUtc(new DateTime(2027, 3, day, hour, 0, 0)), TimeSpan.Zero));

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            At(1, 8);
            var office = await App.ApiClientAsync("vanphong");
            var ward = await App.UnitIdAsync(Ward);
            var branch = await App.CurrentUnitAsync(Branch);
            var session = (await office.PostJsonAsync("/api/v1/sessions", new
            {
                title = "Hội nghị đối thoại quý I/2027", hostUnitId = ward, startsAt = "2027-03-01T08:00", place = "Hội trường phường",
            }, HttpStatusCode.Created))["id"]!.GetValue<int>();
            await office.PostJsonAsync($"/api/v1/sessions/{session}/actions/hold", new { attendanceCount = 40 }, HttpStatusCode.OK);
            At(1, 9);
            office = await App.ApiClientAsync("vanphong");
            var a = await RaiseAsync(office, session, "Đề nghị công khai lịch tiếp công dân", onBehalfOfUnitId: branch);
            var b = await RaiseAsync(office, session, "Đề nghị hướng dẫn sinh hoạt chi bộ", onBehalfOfUnitId: branch);
            var c = await RaiseAsync(office, session, "Đề nghị sửa nhà văn hóa thôn");
            var d = await RaiseAsync(office, session, "Đề nghị bố trí kinh phí hoạt động");
            await RaiseAsync(office, session, "Ý kiến chưa phân loại");
            await office.ActAsync(a, "answer", new { answer = "Đã công khai tại trụ sở.", outcome = "resolved", answeredBy = "Bí thư Đảng ủy phường" });
            var lead = await App.UnitIdAsync(Organisation);
            foreach (var (item, due) in new[] { (b, "2027-03-10"), (c, "2027-03-03"), (d, "2027-03-04") })
            {
                await App.ReadyToAssignAsync(office, item);
                await office.ActAsync(item, "assign", new { leadUnitId = lead, dueOn = due });
            }
            var handler = await App.ApiClientAsync("bantochuc");
            foreach (var item in new[] { b, c, d }) await handler.ActAsync(item, "start");
            await handler.ActAsync(b, "draft-answer", new { answer = "Đã ban hành hướng dẫn.", outcome = "explained" });
            await handler.ActAsync(c, "draft-answer", new { answer = "Sẽ sửa trong năm.", outcome = "scheduled", outcomeNote = "Quý III/2027" });
            At(5, 10);
            await (await App.ApiClientAsync("lanhdao")).ActAsync(b, "approve");
            At(8, 10);
            await (await App.ApiClientAsync("lanhdao")).ActAsync(c, "approve");
            At(9, 10);
        }

        public async Task DisposeAsync() => await ((IAsyncLifetime)App).DisposeAsync();
    }

    private async Task<JsonNode> StatsAsync(string user, string query, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await app.ApiClientAsync(user)).GetJsonAsync("/api/v1/reports/statistics?" + query, expected);

    private static int Figure(JsonNode? figures, string name) => figures![name]!.GetValue<int>();

    private static JsonNode Row(JsonNode report, string table, string name) =>
        report[table]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == name)!;

    [Fact]
    public async Task The_figures_of_a_known_month_are_exact()
    {
        var ward = await app.UnitIdAsync(Ward);
        var report = await StatsAsync("vanphong", $"unitId={ward}&{March}");
        var t = report["totals"];

        Assert.Equal(5, Figure(t, "received"));
        Assert.Equal(1, Figure(t, "answeredAtSession"));
        Assert.Equal(3, Figure(t, "assigned"));
        Assert.Equal(3, Figure(t, "answered"));
        Assert.Equal((1, 1, 1, 0), (Figure(t, "resolved"), Figure(t, "explained"), Figure(t, "scheduled"), Figure(t, "cannotResolveNow")));
        Assert.Equal((1, 1, 1), (Figure(t, "answeredOnTime"), Figure(t, "answeredLate"), Figure(t, "overdue")));
        Assert.Equal(33.3, t!["onTimePercent"]!.GetValue<double>());
        // (0 + 4 + 5) / 3 working days: raised Monday 01/03, approved Friday 05/03 and Monday 08/03.
        Assert.Equal(3.0, report["averageWorkingDaysToAnswer"]!.GetValue<double>());

        var lead = Row(report, "byLeadUnit", Organisation)["figures"];
        Assert.Equal((3, 2, 1), (Figure(lead, "received"), Figure(lead, "answered"), Figure(lead, "overdue")));
        // Every row carries its own average: B (4 days) and C (5) for the lead unit; A (0) and B (4) spoken for the branch.
        Assert.Equal(4.5, lead!["averageWorkingDaysToAnswer"]!.GetValue<double>());
        var branch = Row(report, "byOriginUnit", Branch)["figures"];
        Assert.Equal(2, Figure(branch, "received"));
        Assert.Equal(2.0, branch!["averageWorkingDaysToAnswer"]!.GetValue<double>());
        Assert.Null(t["answerWorkingDays"]);
        Assert.Equal(2, Figure(Row(report, "byTopic", "Chưa phân loại lĩnh vực")["figures"], "received"));
        var month = Assert.Single(report["byMonth"]!.AsArray());
        Assert.Equal((2027, 3, 5), (month!["year"]!.GetValue<int>(), month["month"]!.GetValue<int>(), Figure(month["figures"], "received")));
    }

    [Fact]
    public async Task Presets_and_sub_units_choose_what_is_counted()
    {
        var province = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var alone = await StatsAsync("vanphong", $"unitId={province}&preset=month&year=2027&number=3");
        var withSubUnits = await StatsAsync("vanphong", $"unitId={province}&includeSubUnits=true&preset=quarter&year=2027&number=1");
        var february = await StatsAsync("vanphong", $"unitId={province}&includeSubUnits=true&preset=month&year=2027&number=2");

        Assert.Equal(0, Figure(alone["totals"], "received"));
        Assert.Equal(5, Figure(withSubUnits["totals"], "received"));
        Assert.Equal(3, withSubUnits["byMonth"]!.AsArray().Count);
        Assert.Equal("2027-01-01", withSubUnits["from"]!.GetValue<string>());
        Assert.Equal(0, Figure(february["totals"], "received"));
    }

    [Theory]
    [InlineData("from=2027-03-31&to=2027-03-01", "to")]
    [InlineData("from=31/13/2027&to=2027-03-01", "from")]
    [InlineData("preset=week", "preset")]
    [InlineData("preset=month&year=2027&number=13", "number")]
    [InlineData("preset=term", "termId")]
    [InlineData("grouping=later", "grouping")]
    public async Task A_bad_period_is_a_400_naming_the_field(string query, string field)
    {
        var ward = await app.UnitIdAsync(Ward);
        var response = await (await app.ApiClientAsync("vanphong")).GetAsync($"/api/v1/reports/statistics?unitId={ward}&{query}");
        var problem = await ApiJson.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }

    [Fact]
    public async Task A_unit_outside_the_callers_scope_is_refused_not_reported_empty()
    {
        var hanoi = await app.WithDbAsync(async db =>
        {
            var kind = await db.OrgUnitKinds.Select(k => k.Id).FirstAsync();
            var unit = new DoiThoai.Web.Features.Organisation.OrgUnit { Name = "Thành ủy Hà Nội (thử)", KindId = kind, ValidFrom = new DateOnly(2000, 1, 1) };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit.Id;
        });
        app.Services.GetRequiredService<DoiThoai.Web.Features.Accounts.OrgDirectory>().Invalidate();

        var problem = await ApiJson.AssertProblemAsync(
            await (await app.ApiClientAsync("vanphong")).GetAsync($"/api/v1/reports/statistics?unitId={hanoi}&{March}"), HttpStatusCode.Forbidden);
        Assert.Contains("phạm vi", problem["detail"]!.GetValue<string>());
        // Handlers and members read no statistics at all, even of their own unit.
        var ward = await app.UnitIdAsync(Ward);
        await ApiJson.AssertProblemAsync(await (await app.ApiClientAsync("bantochuc")).GetAsync($"/api/v1/reports/statistics?unitId={ward}&{March}"), HttpStatusCode.Forbidden);
        await ApiJson.AssertProblemAsync(await (await app.ApiClientAsync("dangvien")).GetAsync($"/api/v1/reports/statistics?unitId={ward}&{March}"), HttpStatusCode.Forbidden);
        // The administrator sees every unit.
        Assert.Equal(0, Figure((await StatsAsync("admin", $"unitId={hanoi}&{March}"))["totals"], "received"));
    }

    [Fact]
    public async Task The_2017_session_counts_under_the_successor_units_or_under_the_historical_ones()
    {
        var newProvince = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var oldProvince = await app.UnitIdAsync("Tỉnh ủy Bắc Giang");
        var expected = await app.WithDbAsync(db => db.Items.CountAsync(i => i.Session!.HostUnitId == oldProvince
            && i.RaisedAtUtc >= new DateTime(2016, 12, 31, 17, 0, 0, DateTimeKind.Utc) && i.RaisedAtUtc < new DateTime(2017, 12, 31, 17, 0, 0, DateTimeKind.Utc)));
        Assert.True(expected >= 5);
        var year = "preset=year&year=2017&includeSubUnits=true";

        var successor = await StatsAsync("vanphong", $"unitId={newProvince}&{year}&grouping=successor");
        var historicalNew = await StatsAsync("vanphong", $"unitId={newProvince}&{year}&grouping=historical");
        var historicalOld = await StatsAsync("vanphong", $"unitId={oldProvince}&{year}&grouping=historical");

        Assert.Equal(expected, Figure(successor["totals"], "received"));
        Assert.Equal(0, Figure(historicalNew["totals"], "received"));
        Assert.Equal(expected, Figure(historicalOld["totals"], "received"));
        Assert.Equal(successor["totals"]!.ToJsonString(), historicalOld["totals"]!.ToJsonString());

        static List<string> Names(JsonNode report, string table) => report[table]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        // Ban Tổ chức and Ban Tuyên giáo of Bắc Giang led the answers in 2017; merged in 2025, they show
        // under Ban Tổ chức and Ban Tuyên giáo và Dân vận of Bắc Ninh, and as themselves in the historical view.
        Assert.Contains(Organisation, Names(successor, "byLeadUnit"));
        Assert.Contains("Ban Tuyên giáo và Dân vận Tỉnh ủy Bắc Ninh", Names(successor, "byLeadUnit"));
        Assert.DoesNotContain(Names(successor, "byLeadUnit"), n => n.EndsWith("Bắc Giang"));
        Assert.Contains("Ban Tổ chức Tỉnh ủy Bắc Giang", Names(historicalOld, "byLeadUnit"));
        Assert.DoesNotContain(Organisation, Names(historicalOld, "byLeadUnit"));
        // The communes' items show under the wards they merged into; the district, which has no successor, stays itself.
        Assert.Contains(Ward, Names(successor, "byOriginUnit"));
        Assert.DoesNotContain(Ward, Names(historicalOld, "byOriginUnit"));
        Assert.Equal(
            historicalOld["byLeadUnit"]!.AsArray().Sum(r => Figure(r!["figures"], "received")),
            successor["byLeadUnit"]!.AsArray().Sum(r => Figure(r!["figures"], "received")));
    }

    /// <summary>
    /// Twelve years are read in two halves at once on SQLite (ADR 0015) and in one pass on PostgreSQL:
    /// either way every figure, topic and unit row equals the sum of the twelve single years.
    /// </summary>
    [Fact]
    public async Task A_long_period_counts_what_its_years_count()
    {
        var province = await app.UnitIdAsync("Tỉnh ủy Bắc Ninh");
        var whole = await StatsAsync("vanphong", $"unitId={province}&includeSubUnits=true&preset=custom&from=2016-01-01&to=2027-12-31");
        var years = new List<JsonNode>();
        for (var year = 2016; year <= 2027; year++)
            years.Add(await StatsAsync("vanphong", $"unitId={province}&includeSubUnits=true&preset=year&year={year}"));

        string[] notCounts = ["due", "onTimePercent", "averageWorkingDaysToAnswer"];
        var names = whole["totals"]!.AsObject().Select(p => p.Key).Except(notCounts).ToList();
        Assert.Contains("overdue", names);
        foreach (var name in names)
            Assert.Equal(years.Sum(y => Figure(y["totals"], name)), Figure(whole["totals"], name));
        // Items from 2017 and from 2027, on both sides of the middle of the period.
        Assert.True(Figure(years[1]["totals"], "received") > 0 && Figure(years[11]["totals"], "received") > 0);
        foreach (var table in new[] { "byTopic", "byLeadUnit", "byOriginUnit" })
            foreach (var row in whole[table]!.AsArray())
            {
                var name = row!["name"]!.GetValue<string>();
                Assert.Equal(
                    years.Sum(y => y[table]!.AsArray().Where(r => r!["name"]!.GetValue<string>() == name).Sum(r => Figure(r!["figures"], "received"))),
                    Figure(row["figures"], "received"));
            }
        Assert.Equal(144, whole["byMonth"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_page_shows_the_tables_and_charts_without_script()
    {
        var ward = await app.UnitIdAsync(Ward);
        var browser = await app.SignedInBrowserAsync("vanphong");
        var page = await Html.GetDocumentAsync(browser, $"/Reports/Statistics?unitId={ward}&preset=custom&{March}");

        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Empty(page.QuerySelectorAll("main [style]"));
        var svgs = page.QuerySelectorAll("main svg[role=img]");
        Assert.Equal(4, svgs.Length);
        Assert.All(svgs, s => Assert.NotNull(s.QuerySelector("title")));
        Assert.All(svgs, s => Assert.NotNull(s.QuerySelector("desc")));
        var totals = page.QuerySelector("table.statistics-totals")!;
        Assert.Equal("5", totals.QuerySelector("tr td")!.TextContent.Trim());
        Assert.Contains("33,3 %", totals.TextContent);
        Assert.Contains("3,0", totals.TextContent);
        Assert.All(page.QuerySelectorAll("table.statistics"), t => Assert.NotNull(t.QuerySelector("caption")));
        Assert.NotNull(page.QuerySelector("a[href^='/api/v1/reports/statistics.xlsx?']"));
        Assert.NotNull(page.QuerySelector("a[href^='/api/v1/reports/statistics.docx?']"));
        Assert.NotNull(page.QuerySelector("nav a[href='/Reports/Statistics']"));

        var bad = await browser.GetAsync($"/Reports/Statistics?unitId={ward}&preset=custom&from=2027-03-31&to=2027-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ngày kết thúc phải sau", (await Html.ParseAsync(bad)).QuerySelector("[role=alert]")!.TextContent);
        var handler = await app.SignedInBrowserAsync("bantochuc");
        Assert.NotEqual(HttpStatusCode.OK, (await handler.GetAsync($"/Reports/Statistics?unitId={ward}")).StatusCode);
    }
}
