using System.Diagnostics;
using DoiThoai.Tests.Features.Items;
using DoiThoai.Tests.Features.Notifications;
using DoiThoai.Web.Features.Search;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Tests.Features.Search;

/// <summary>An app node whose idle catch-up runs often, so a test does not wait a full second per round.</summary>
public sealed class SearchNode : AppFactory
{
    public SearchNode() { }

    public SearchNode(SearchNode first) : base(first) { }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting(SearchCatchUpWorker.IntervalKey, "00:00:00.200");
    }

    /// <summary>Runs <paramref name="test"/> on two started nodes sharing one PostgreSQL database, then stops both.</summary>
    public static Task WithTwoNodesAsync(Func<SearchNode, SearchNode, Task> test) =>
        WithTwoNodesAsync(new SearchNode(), first => new SearchNode(first), test);
}

/// <summary>Two app nodes, each with its own index, on one PostgreSQL database.</summary>
public sealed class SearchTwoNodeTests
{
    [PostgresFact]
    public Task Node_b_finds_an_item_written_through_node_a_without_a_search_on_either_first() =>
        SearchNode.WithTwoNodesAsync(async (first, second) =>
        {
            var office = await first.ApiClientAsync("vanphong");
            var sessionId = await first.HeldSessionAsync(office);
            var id = await ItemFlow.RaiseAsync(office, sessionId, "Ý kiến ghi qua nút thứ nhất Twonodezq", confidentiality: "public");
            var changeId = await first.WithDbAsync(db => db.SearchChanges.Where(c => c.ItemId == id).MaxAsync(c => c.Id));

            // Nobody searches on the second node until its background loop has applied the change.
            var index = second.Services.GetRequiredService<SearchIndex>();
            var waited = Stopwatch.StartNew();
            while (index.LastChangeId < changeId && waited.Elapsed < TimeSpan.FromSeconds(60)) await Task.Delay(50);
            Assert.True(index.LastChangeId >= changeId, $"The second node's index stayed at change {index.LastChangeId}, before {changeId}.");

            var result = await (await second.ApiClientAsync("vanphong")).GetJsonAsync("/api/v1/search?q=twonodezq");
            Assert.Equal([id], result["items"]!.AsArray().Select(h => h!["itemId"]!.GetValue<int>()));
        });
}
