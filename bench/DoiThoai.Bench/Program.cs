using BenchmarkDotNet.Running;

namespace DoiThoai.Bench;

// Benchmarks are run by hand (`dotnet run -c Release --project bench/DoiThoai.Bench -- --filter '*'`)
// and their figures go to docs/benchmarks.md; they are never part of the test suite.
public static class BenchEntry
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "similar-quality") return SimilarQuality.Run(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(BenchEntry).Assembly).Run(args);
        return 0;
    }
}
