using BenchmarkDotNet.Running;
using DoiThoai.Bench.Harness;

namespace DoiThoai.Bench;

// Benchmarks are run by hand and their figures go to docs/benchmarks.md; they are never part of the
// test suite. A scripted verb runs a whole scenario (`-- search-load --items 1000000 --provider Sqlite`);
// anything else goes to BenchmarkDotNet's switcher (`-- --filter '*'`).
public static class BenchEntry
{
    private static readonly Dictionary<string, Func<BenchOptions, Task<int>>> Verbs = new()
    {
        ["import"] = async options =>
        {
            options = options with { Keep = true };
            using var database = BenchDatabase.Open(options);
            var import = await BulkImport.RunAsync(database, options);
            Console.WriteLine($"{import.TotalRate:N0} items/s imported and indexed together; data kept in {database.DataPath}");
            return 0;
        },
        ["search-load"] = SearchLoad.RunAsync,
        ["similar-load"] = SimilarLoad.RunAsync,
        ["statistics"] = StatisticsLoad.RunAsync,
        ["web-load"] = WebLoad.RunAsync,
    };

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "similar-quality") return SimilarQuality.Run(args[1..]);
        if (args.Length > 0 && args[0] == "similar-analyse") return SimilarAnalysis.Run(args[1..]);
        if (args.Length > 0 && Verbs.TryGetValue(args[0], out var verb))
        {
            try
            {
                return await verb(BenchOptions.Parse(args[1..]));
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
            {
                Console.Error.WriteLine($"{args[0]}: {e.Message}");
                return 1;
            }
        }
        BenchmarkSwitcher.FromAssembly(typeof(BenchEntry).Assembly).Run(args);
        return 0;
    }
}
