namespace DoiThoai.Tests.Features.Dashboard;

public sealed class DashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("admin")]
    [InlineData("vanphong")]
    [InlineData("lanhdao")]
    [InlineData("bantochuc")]
    [InlineData("dangvien")]
    [InlineData("bientap")]
    public async Task Every_role_lands_on_a_dashboard_of_its_sessions_and_items(string user)
    {
        var browser = await app.SignedInBrowserAsync(user);
        var page = await Html.GetDocumentAsync(browser, "/");
        var text = page.Body!.TextContent;
        Assert.Contains("Hội nghị gần đây", text);
        // Every demo role can see the 2017 session (handlers through their assigned items).
        Assert.Contains("Thứ Sáu, 08/09/2017", text);
        var total = page.QuerySelector("table.counts tfoot td")!.TextContent.Trim();
        Assert.True(int.Parse(total.Replace(".", "")) > 0);
    }

    [Fact]
    public async Task The_counts_are_those_the_user_may_see()
    {
        static async Task<int> TotalFor(HttpClient browser) =>
            int.Parse((await Html.GetDocumentAsync(browser, "/")).QuerySelector("table.counts tfoot td")!.TextContent.Trim().Replace(".", ""));

        var office = await TotalFor(await app.SignedInBrowserAsync("vanphong"));
        var member = await TotalFor(await app.SignedInBrowserAsync("dangvien"));
        Assert.Equal(await app.WithDbAsync(db => db.Items.CountAsync()), office);
        Assert.True(member < office);
    }
}
