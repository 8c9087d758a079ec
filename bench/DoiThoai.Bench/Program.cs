using BenchmarkDotNet.Running;

namespace DoiThoai.Bench;

// Benchmarks are run by hand (`dotnet run -c Release --project bench/DoiThoai.Bench -- --filter '*'`)
// and their figures go to docs/benchmarks.md; they are never part of the test suite.
public static class BenchEntry
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchEntry).Assembly).Run(args);
}
