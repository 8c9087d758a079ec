using System.Globalization;
using System.Text;
using DoiThoai.Bench.Corpus;
using DoiThoai.Web.Features.Search;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// `search-load`: imports N items (or reuses an earlier import in --data), starts the app's
/// executable on that database, and for each query set measures top-20 search latency at a fixed
/// rate through `GET /api/v1/search` and, in the same run, straight to Lucene in this process on a
/// copy of the app's index. Runs of the two alternate so drift on the shared machine hits both.
/// Prints the figures as Markdown and keeps them in results-search.md beside the data.
/// </summary>
internal static class SearchLoad
{
    private const int TopN = 20;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var database = BenchDatabase.Open(options);
        var import = await BulkImport.RunAsync(database, options);
        var generator = new ItemGenerator(ItemGenerator.LoadSentences(options.Corpus), options.Seed, PartyVocabulary.TopicNames.Length);
        var sets = SearchQueries.Build(generator, options.Items, options.Seed);

        var enginePath = Path.Combine(database.DataPath, "engine-copy");
        CopyIndex(Path.Combine(database.DataPath, SearchIndex.FolderName), Path.Combine(enginePath, SearchIndex.FolderName));
        await using var engineHost = database.BuildHost(enginePath);
        var engine = engineHost.Services.GetRequiredService<SearchIndex>();
        await engine.CatchUpAsync();

        using var app = await ServedApp.StartAsync(database, options);
        var rows = new List<(LoadResult Result, double Share)>();
        foreach (var set in sets)
        {
            Func<int, Task<bool>> viaApp = async i =>
            {
                using var response = await app.Http.GetAsync(new Uri($"/api/v1/search?pageSize={TopN}&q={Uri.EscapeDataString(set.Queries[i % set.Queries.Count])}", UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                return response.IsSuccessStatusCode;
            };
            Func<int, Task<bool>> viaEngine = i =>
            {
                engine.Find(SearchQueries.EngineQuery(set.Queries[i % set.Queries.Count]), null, 0, TopN);
                return Task.FromResult(true);
            };
            // The app asks the engine for the page only (the reader's scope is a filter inside it).
            var result = await LoadRuns.CompareAsync(options, set.Name, set.Queries, viaApp, viaEngine);
            var share = set.Queries.Count == 1 ? (double)engine.Find(SearchQueries.EngineQuery(set.Queries[0]), null, 0, 1).TotalHits / options.Items : double.NaN;
            rows.Add((result, share));
        }
        var memory = await app.StopSamplingAsync();

        var report = Report(options, database, import, rows, memory);
        await database.PublishAsync("results-search.md", report);
        return 0;
    }

    private static string Report(BenchOptions options, BenchDatabase database, ImportManifest import,
        List<(LoadResult Result, double Share)> rows, MemorySample memory)
    {
        static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
        static string Met(bool met) => met ? "yes" : "**no**";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### {database.Provider}, {options.Items:N0} items ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Open loop at {options.Rate} req/s, top {TopN}, {options.Runs} runs × {options.Seconds} s after a {options.WarmupSeconds} s warm-up; median over runs, ms.");
        text.AppendLine();
        text.AppendLine("| query set | app p50 / p95 / p99 | engine p50 / p95 / p99 | app adds (p95) | target | met? |");
        text.AppendLine("|---|---:|---:|---:|---|---|");
        foreach (var ((setName, app, maybeEngine), share) in rows)
        {
            var engine = maybeEngine!.Value;
            var name = double.IsNaN(share) ? setName : $"{setName}, {share:P0} of items";
            var added = app.P95 - engine.P95;
            var errors = app.Errors > 0 ? $" ({app.Errors} failed)" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {Ms(app.P50)} / {Ms(app.P95)} / {Ms(app.P99)}{errors} | {Ms(engine.P50)} / {Ms(engine.P95)} / {Ms(engine.P99)} | {Ms(added)} | p95 < 30, adds ≤ 10 | {Met(app.P95 < 30 && added <= 10)} |");
        }
        text.AppendLine();
        text.AppendLine("| figure | value | target | met? |");
        text.AppendLine("|---|---:|---|---|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| DB insert (items, history, change log) | {import.InsertRate:N0} items/s ({import.InsertSeconds:F1} s) | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| index build (`SearchIndex.RebuildAsync`) | {import.IndexRate:N0} items/s ({import.IndexSeconds:F1} s) | | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| import + index together | {import.TotalRate:N0} items/s | ≥ 5,000 items/s | {Met(import.TotalRate >= 5_000)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app working set while serving (peak sampled / VmHWM) | {Mb(memory.WorkingSet)} / {Mb(memory.PeakWorkingSet)} | < 1.5 GB | {Met(memory.PeakWorkingSet < 1_536L * 1024 * 1024)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| app private bytes (peak sampled) | {Mb(memory.PrivateBytes)} | < 1.5 GB | {Met(memory.PrivateBytes < 1_536L * 1024 * 1024)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| index on disk / raw text | {Mb(import.IndexBytes)} / {Mb(import.RawTextBytes)} = {(double)import.IndexBytes / import.RawTextBytes:P0} | ≤ 50% | {Met(import.IndexBytes <= import.RawTextBytes / 2)} |");
        if (import.DatabaseBytes > 0) text.AppendLine(CultureInfo.InvariantCulture, $"| SQLite file (for reference) | {Mb(import.DatabaseBytes)} | | |");
        return text.ToString();
    }

    private static void CopyIndex(string from, string to)
    {
        if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from).Where(f => !f.EndsWith("write.lock", StringComparison.Ordinal)))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
