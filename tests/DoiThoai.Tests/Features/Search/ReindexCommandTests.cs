using System.Text.RegularExpressions;

namespace DoiThoai.Tests.Features.Search;

/// <summary>The `reindex` verb, run as an operator would: the app's executable in its own process.</summary>
public sealed partial class ReindexCommandTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Reindex_deletes_and_rebuilds_the_index_from_the_database()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);

        var first = await app.RunAsync("reindex");
        Assert.True(first.ExitCode == 0, first.Output);
        var indexed = IndexedLine().Match(first.Output);
        Assert.True(indexed.Success, first.Output);
        Assert.True(Directory.EnumerateFiles(Path.Combine(app.DataPath, "search-index"), "segments_*").Any());

        var again = await app.RunAsync("reindex");
        Assert.True(again.ExitCode == 0, again.Output);
        // The same count again (log lines may come before or after it: the console logger writes on its own thread).
        Assert.Equal(indexed.Value, IndexedLine().Match(again.Output).Value);

        var help = await app.RunAsync("help");
        Assert.Contains("reindex", help.Output);
    }

    [GeneratedRegex(@"Indexed [1-9][\d,.]* items")]
    private static partial Regex IndexedLine();
}
