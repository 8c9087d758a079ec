using System.Net;

namespace DoiThoai.Tests.Web;

/// <summary>
/// Follows every link a signed-in user can reach, as that user, and checks that no page answers
/// with a server error. A guard for pages no other test opens.
/// </summary>
public sealed class CrawlTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Theory]
    [InlineData("admin")]
    [InlineData("vanphong")]
    [InlineData("bantochuc")]
    [InlineData("dangvien")]
    [InlineData("bientap")]
    public async Task No_reachable_page_fails(string user)
    {
        var browser = await app.SignedInBrowserAsync(user);
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var queue = new Queue<string>(["/", "/Sessions", "/Items"]);
        var failures = new List<string>();
        var visited = 0;
        while (queue.Count > 0 && visited < 250)
        {
            var url = queue.Dequeue();
            visited++;
            var response = await browser.GetAsync(url);
            if ((int)response.StatusCode >= 500) failures.Add($"{url} → {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK) continue;
            var page = await Html.ParseAsync(response);
            foreach (var link in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!link.StartsWith('/') || link.StartsWith("//") || link.StartsWith("/Account/Logout")) continue;
                var path = link.Split('#')[0];
                // One page of each list is enough: paging links differ only by number.
                if (path.Contains("p=") && !path.EndsWith("p=2")) continue;
                if (seen.Add(path)) queue.Enqueue(path);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(visited > 10, $"only {visited} pages reached");
    }
}
