using System.Net;
using DoiThoai.Tests.Features.Notifications;
using DoiThoai.Tests.Features.Search;
using static DoiThoai.Tests.Features.Portal.PortalSteps;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>Two app nodes on one PostgreSQL database: each caches the public pages in its own memory.</summary>
public sealed class PortalTwoNodeTests
{
    [PostgresFact]
    public Task A_page_cached_on_node_b_changes_as_soon_as_node_a_publishes_or_unpublishes() =>
        SearchNode.WithTwoNodesAsync(async (first, second) =>
        {
            var readerOfB = second.Browser();
            var title = Unique("Tin đăng qua nút thứ nhất");
            // Node B caches its home page before the article exists.
            Assert.DoesNotContain(title, (await Html.GetDocumentAsync(readerOfB, "/Portal")).Body!.TextContent);

            var editor = await first.SignedInBrowserAsync("bientap");
            var id = await CreateAsync(editor, ("Input.Title", title));
            await FollowAsync(editor, await PublishAsync(editor, id));
            Assert.Contains(title, (await Html.GetDocumentAsync(readerOfB, "/Portal")).Body!.TextContent);

            await FollowAsync(editor, await ActAsync(editor, id, "Unpublish"));
            Assert.DoesNotContain(title, (await Html.GetDocumentAsync(readerOfB, "/Portal")).Body!.TextContent);
            var slug = await first.WithDbAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Slug).SingleAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await readerOfB.GetAsync($"/Portal/Article/{slug}")).StatusCode);
        });
}
