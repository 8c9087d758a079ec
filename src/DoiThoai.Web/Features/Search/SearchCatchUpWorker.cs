namespace DoiThoai.Web.Features.Search;

/// <summary>
/// Keeps this node's index within about <c>Search:CatchUpInterval</c> (default one second) of the
/// change log even when nobody searches here, so other nodes' writes show up without a first slow
/// search; also builds a missing index at start instead of on the first search. Zero turns it off.
/// The wait is on the real clock: it paces polling and has nothing to do with the app's business time.
/// </summary>
public sealed class SearchCatchUpWorker(SearchIndex index, IConfiguration config, ILogger<SearchCatchUpWorker> log) : BackgroundService
{
    public const string IntervalKey = "Search:CatchUpInterval";

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = config.GetValue(IntervalKey, TimeSpan.FromSeconds(1));
        return interval <= TimeSpan.Zero ? Task.CompletedTask
            : Repeating.RunAsync(interval, TimeProvider.System, index.CatchUpAsync, log, "Search catch-up failed; the next round tries again", stoppingToken);
    }
}
