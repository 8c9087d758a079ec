using System.Globalization;
using DoiThoai.Web.Data;

namespace DoiThoai.Bench.Harness;

/// <summary>The switches of the scripted verbs (`--items 1000000 --provider Postgres --rate 30` …).</summary>
internal sealed record BenchOptions
{
    public int Items { get; init; } = 20_000;
    /// <summary>Organisation units the `statistics` verb spreads the items over.</summary>
    public int Units { get; init; } = 10_000;
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;
    public int Seed { get; init; } = 2026;
    /// <summary>Requests per second of the open-loop runs.</summary>
    public double Rate { get; init; } = 30;
    public int Runs { get; init; } = 5;
    public int Seconds { get; init; } = 10;
    public int WarmupSeconds { get; init; } = 10;
    /// <summary>Where the database, index and results live; a fresh temp folder when not given.</summary>
    public string? DataPath { get; init; }
    /// <summary>Keep the data folder (and PostgreSQL cluster files) for a later run with --data.</summary>
    public bool Keep { get; init; }

    /// <summary>On a reused import, migrate and rebuild the index first (after a change of schema or index layout), timed.</summary>
    public bool Reindex { get; init; }
    /// <summary>An existing PostgreSQL server to use instead of starting a throwaway cluster.</summary>
    public string? Connection { get; init; }
    public const string DefaultCorpus = "/work/shared/data/uit-vsfc/train/sents.txt";
    public string Corpus { get; init; } = DefaultCorpus;

    // web-load: one address at a fixed rate, with a session cookie when the page needs one.
    public string? Url { get; init; }
    public string? Cookie { get; init; }
    public int Requests { get; init; } = 10_000;
    /// <summary>Where web-load writes the full percentile distribution (HdrHistogram's .hgrm text).</summary>
    public string? Output { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            var name = args[i][2..];
            values[name] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
        }
        int Int(string name, int fallback) => values.TryGetValue(name, out var v) && v is not null ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new BenchOptions
        {
            Items = Int("items", 20_000),
            Units = Int("units", 10_000),
            Seed = Int("seed", 2026),
            Runs = Int("runs", 5),
            Seconds = Int("seconds", 10),
            WarmupSeconds = Int("warmup", 10),
            Rate = values.TryGetValue("rate", out var rate) && rate is not null ? double.Parse(rate, CultureInfo.InvariantCulture) : 30,
            Provider = values.TryGetValue("provider", out var provider) && provider is not null
                ? Enum.Parse<DatabaseProvider>(provider, ignoreCase: true) : DatabaseProvider.Sqlite,
            DataPath = values.GetValueOrDefault("data"),
            Keep = values.ContainsKey("keep"),
            Reindex = values.ContainsKey("reindex"),
            Connection = values.GetValueOrDefault("connection"),
            Corpus = values.GetValueOrDefault("corpus") ?? DefaultCorpus,
            Url = values.GetValueOrDefault("url"),
            Cookie = values.GetValueOrDefault("cookie"),
            Requests = Int("requests", 10_000),
            Output = values.GetValueOrDefault("out"),
        };
    }
}
