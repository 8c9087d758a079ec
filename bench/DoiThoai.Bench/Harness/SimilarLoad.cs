using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DoiThoai.Bench.Corpus;
using DoiThoai.Text;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// `similar-load`: `POST /api/v1/items/similar` against the benchmark database. The texts sent are
/// generated items just past the imported ones (seq ≥ N): new items being typed, about 14% of them
/// planted copies of an item in the database, so the ground truth is known. Reports, per kind of copy,
/// how often its source comes back in the top 10 and how many other items come back, then the
/// latency at a fixed rate of a mix of new and copied texts.
/// </summary>
internal static class SimilarLoad
{
    private const int ChecksPerKind = 200;
    private const int FreshTexts = 200;
    private const int Max = 10;

    private sealed record Found(int ItemId, string Stage);

    private sealed record Quality(VariantKind Kind, int Checks, int Recalled, int RecalledNearCopy, int Others, int Unlike, int Failed);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        using var database = BenchDatabase.Open(options);
        await BulkImport.RunAsync(database, options);
        var generator = new ItemGenerator(ItemGenerator.LoadSentences(options.Corpus), options.Seed, PartyVocabulary.TopicNames.Length);
        var ids = BulkImport.ReadIds(database.DataPath);
        var families = ReadFamilies(database.DataPath);

        var checks = Enum.GetValues<VariantKind>().Where(k => k != VariantKind.Original).ToDictionary(k => k, _ => new List<GeneratedItem>());
        var fresh = new List<string>();
        for (var seq = options.Items; fresh.Count < FreshTexts || checks.Values.Any(c => c.Count < ChecksPerKind); seq++)
        {
            var kind = generator.KindOf(seq);
            if (kind == VariantKind.Original) { if (fresh.Count < FreshTexts) fresh.Add(generator.Get(seq).Text); }
            else if (checks[kind].Count < ChecksPerKind && generator.Get(seq) is { SourceSeq: var source } copy && source < options.Items)
                checks[kind].Add(copy);
        }

        using var app = await ServedApp.StartAsync(database, options);
        async Task<List<Found>?> FindAsync(string text)
        {
            using var response = await app.Http.PostAsJsonAsync(new Uri("/api/v1/items/similar", UriKind.Relative), new { text, max = Max });
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                throw new InvalidOperationException($"POST /api/v1/items/similar answers {(int)response.StatusCode}: not in this build of the app (merge the near-duplicates branch first).");
            if (!response.IsSuccessStatusCode) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return json.RootElement.EnumerateArray()
                .Select(e => new Found(e.GetProperty("itemId").GetInt32(), e.GetProperty("stage").GetString() ?? "")).ToList();
        }

        // Item id → seq, to rebuild a returned item's text and judge it against the source as the
        // quality run does: "unlike the source" when the exact check does not accept it for the source.
        var seqOf = new Dictionary<int, int>(ids.Length);
        for (var seq = 0; seq < ids.Length; seq++) seqOf[ids[seq]] = seq;
        var quality = new List<Quality>();
        foreach (var (kind, items) in checks)
        {
            int recalled = 0, nearCopy = 0, others = 0, unlike = 0, failed = 0;
            foreach (var item in items)
            {
                var source = ids[item.SourceSeq!.Value];
                var family = families.GetValueOrDefault(source) ?? [];
                var found = await FindAsync(item.Text);
                if (found is null) { failed++; continue; }
                var hit = found.FirstOrDefault(f => f.ItemId == source);
                if (hit is not null) { recalled++; if (hit.Stage == "near-copy") nearCopy++; }
                var strangers = found.Where(f => f.ItemId != source && !family.Contains(f.ItemId)).ToList();
                others += strangers.Count;
                var sourcePrint = SimilarText.Fingerprint(generator.Get(item.SourceSeq.Value).Text);
                unlike += strangers.Count(f => !seqOf.TryGetValue(f.ItemId, out var seq)
                    || SimilarText.Compare(sourcePrint, SimilarText.Fingerprint(generator.Get(seq).Text)) is null);
            }
            quality.Add(new(kind, items.Count, recalled, nearCopy, others, unlike, failed));
            Console.WriteLine($"  {kind}: source found {recalled}/{items.Count}, other items returned {others}, of which unlike the source {unlike}");
        }

        var shuffle = new Random(options.Seed);
        var mix = fresh.Concat(checks.Values.SelectMany(c => c.Take(FreshTexts / checks.Count)).Select(i => i.Text))
            .OrderBy(_ => shuffle.Next()).ToList();
        var latency = await LoadRuns.CompareAsync(options, "similar: new and copied texts", mix, async i => await FindAsync(mix[i % mix.Count]) is not null, null);
        var memory = await app.StopSamplingAsync();

        var report = Report(options, database, quality, latency, memory);
        await database.PublishAsync("results-similar.md", report);
        return 0;
    }

    /// <summary>Source item id → the ids of its planted copies in the database (ground-truth.tsv).</summary>
    private static Dictionary<int, HashSet<int>> ReadFamilies(string dataPath)
    {
        var families = new Dictionary<int, HashSet<int>>();
        foreach (var line in File.ReadLines(Path.Combine(dataPath, "ground-truth.tsv")).Skip(1))
        {
            var parts = line.Split('\t');
            var (copy, source) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
            if (!families.TryGetValue(source, out var family)) families[source] = family = [];
            family.Add(copy);
        }
        return families;
    }

    private static string Report(BenchOptions options, BenchDatabase database, List<Quality> quality, LoadResult latency, MemorySample memory)
    {
        static string Pct(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";
        var targets = new Dictionary<VariantKind, double> { [VariantKind.Edit5] = 0.99, [VariantKind.Edit10] = 0.95, [VariantKind.Edit20] = 0.80 };
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"### Similar items, {database.Provider}, {options.Items:N0} items ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Through `POST /api/v1/items/similar` (max {Max}), one request at a time; \"others\" are returned items that are neither the source nor one of its planted copies (chance near-duplicates in the generated data count here too); \"unlike the source\" are those of them the exact check does not accept for the source either (the quality run's false candidates).");
        text.AppendLine();
        text.AppendLine("| copy kind | checks | source returned | of which near-copy stage | others per check | of which unlike the source | target | met? |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---|---|");
        foreach (var q in quality)
        {
            var target = targets.TryGetValue(q.Kind, out var t) ? $"recall ≥ {t:P0}, < 0.1 unlike the source" : "";
            var met = targets.ContainsKey(q.Kind) ? ((double)q.Recalled / q.Checks >= t && (double)q.Unlike / q.Checks < 0.1 ? "yes" : "**no**") : "";
            var failed = q.Failed > 0 ? $" ({q.Failed} failed)" : "";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {q.Kind} | {q.Checks}{failed} | {Pct(q.Recalled, q.Checks)} | {Pct(q.RecalledNearCopy, q.Checks)} | {(double)q.Others / q.Checks:F2} | {(double)q.Unlike / q.Checks:F3} | {target} | {met} |");
        }
        text.AppendLine();
        var app = latency.App;
        text.AppendLine(CultureInfo.InvariantCulture, $"Latency at {options.Rate} req/s, {options.Runs} runs × {options.Seconds} s after {options.WarmupSeconds} s warm-up, median over runs: " +
            $"p50 {app.P50:F1} ms, p95 {app.P95:F1} ms, p99 {app.P99:F1} ms ({app.Errors} failed) — target p99 < 10 ms: {(app.P99 < 10 ? "met" : "**not met**")}. " +
            $"App working set peak {memory.PeakWorkingSet / 1024.0 / 1024.0:N0} MB.");
        return text.ToString();
    }
}
