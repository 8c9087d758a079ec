using System.Diagnostics;
using System.Globalization;
using DoiThoai.Bench.Corpus;
using DoiThoai.Bench.Harness;
using DoiThoai.Text;

namespace DoiThoai.Bench;

/// <summary>
/// `similar-analyse N [SCHEMES] [--base]`: candidate schemes for similar items judged on the items of
/// the load benchmarks' generator (<see cref="ItemGenerator"/>, seed 2026), in memory, without Lucene
/// or the app: 200 checks per kind of copy (5%, 10%, 20% edited, paraphrase) and 200 new texts. With
/// `--base` the exact check is first run against every item (the ceiling; about 4 minutes per kind at
/// 1,000,000 items). A scheme is `syl|big:BANDSxROWS:tMIN:LLIMIT:bBITS:kTOP` — MinHash over syllables
/// or syllable pairs, at least MIN shared bands, band values held by more than LIMIT items skipped,
/// BITS of each band hash kept, the first TOP candidates checked; e.g. `syl:32x4:t3:L2000:b16:k20`
/// (the app's, ADR 0024). Prints, per kind, how often the source is a candidate and is returned in
/// the top 10, candidates and table entries per lookup, and returned items unlike the source.
/// </summary>
public static class SimilarAnalysis
{
    public static int Run(string[] args)
    {
        var n = int.Parse(args[0], CultureInfo.InvariantCulture);
        var schemes = args.Length > 1 ? args[1].Split(',') : [];
        var generator = new ItemGenerator(ItemGenerator.LoadSentences(BenchOptions.DefaultCorpus), 2026, PartyVocabulary.TopicNames.Length);
        var watch = Stopwatch.StartNew();
        var fps = new TextFingerprint[n];
        Parallel.For(0, n, i => fps[i] = SimilarText.Fingerprint(generator.Get(i).Text));
        Console.WriteLine($"fingerprinted {n} in {watch.Elapsed.TotalSeconds:F1} s");
        var kinds = new[] { VariantKind.Edit5, VariantKind.Edit10, VariantKind.Edit20, VariantKind.Paraphrase };
        var checks = kinds.ToDictionary(k => k, _ => new List<GeneratedItem>());
        checks[VariantKind.Original] = [];
        for (var seq = n; checks.Values.Any(c => c.Count < 200); seq++)
        {
            var kind = generator.KindOf(seq);
            if (checks.TryGetValue(kind, out var list) && list.Count < 200 && generator.Get(seq) is { SourceSeq: var s } copy && (s < n || kind == VariantKind.Original)) list.Add(copy);
        }
        foreach (var kind in args.Contains("--base") ? kinds : [])
        {
            int baseTop10 = 0, accepted = 0;
            var jsyl = new List<double>(); var jsh = new List<double>(); var over = new List<int>();
            foreach (var check in checks[kind])
            {
                var q = SimilarText.Fingerprint(check.Text);
                var src = check.SourceSeq!.Value;
                var results = new List<(int Id, int Stage, double Score)>();
                for (var i = 0; i < n; i++)
                    if (SimilarText.Compare(q, fps[i]) is { } m) results.Add((i, (int)m.Stage, m.Score));
                var top = results.OrderBy(r => r.Stage).ThenByDescending(r => r.Score).ThenByDescending(r => r.Id).Take(10).ToList();
                if (top.Any(r => r.Id == src)) baseTop10++;
                if (results.Any(r => r.Id == src)) accepted++;
                over.Add(results.Count);
                jsyl.Add(J(q.Syllables, fps[src].Syllables)); jsh.Add(J(q.Shingles, fps[src].Shingles));
            }
            Console.WriteLine($"{kind}: baseline accepts source {accepted}/200, in top10 {baseTop10}/200; accepted per check p50 {Q(over.Select(x => (double)x), 0.5)} p90 {Q(over.Select(x => (double)x), 0.9)}; source Jsyl p10/p50 {Q(jsyl, 0.1):F2}/{Q(jsyl, 0.5):F2}, Jsh p10/p50 {Q(jsh, 0.1):F2}/{Q(jsh, 0.5):F2}");
        }
        foreach (var scheme in schemes)
        {
            // e.g. syl:20x5:t1 or big:32x2:t2
            var parts = scheme.Split(':');
            var dims = parts[1].Split('x');
            var mh = new MinHash(2, int.Parse(dims[0], CultureInfo.InvariantCulture), int.Parse(dims[1], CultureInfo.InvariantCulture));
            var threshold = parts.Length > 2 ? int.Parse(parts[2][1..], CultureInfo.InvariantCulture) : 1;
            var stop = parts.Length > 3 ? int.Parse(parts[3][1..], CultureInfo.InvariantCulture) : int.MaxValue;
            var bits = parts.Length > 4 ? int.Parse(parts[4][1..], CultureInfo.InvariantCulture) : 32;
            var topK = parts.Length > 5 ? int.Parse(parts[5][1..], CultureInfo.InvariantCulture) : 50;
            uint Cut(uint h) => bits == 32 ? h : h >> (32 - bits);
            var syl = parts[0] == "syl";
            watch.Restart();
            var bands = new uint[n][];
            Parallel.For(0, n, i => bands[i] = mh.BandHashesOf(syl ? fps[i].Syllables : fps[i].Shingles));
            var tables = new Dictionary<uint, List<int>>[mh.Bands];
            for (var b = 0; b < mh.Bands; b++)
            {
                var t = tables[b] = new Dictionary<uint, List<int>>();
                for (var i = 0; i < n; i++)
                {
                    if (bands[i].Length == 0) continue;
                    var key = Cut(bands[i][b]);
                    if (!t.TryGetValue(key, out var l)) t[key] = l = [];
                    l.Add(i);
                }
            }
            Console.WriteLine($"{scheme}: built in {watch.Elapsed.TotalSeconds:F1} s");
            foreach (var kind in kinds.Append(VariantKind.Original))
            {
                int inCands = 0, inTop50 = 0, found = 0, empty = 0, falseHits = 0;
                var verified = new List<double>();
                var candCounts = new List<double>(); var postings = new List<double>();
                foreach (var check in checks[kind])
                {
                    var q = SimilarText.Fingerprint(check.Text);
                    var src = check.SourceSeq ?? -1;
                    var qb = mh.BandHashesOf(syl ? q.Syllables : q.Shingles);
                    var shared = new Dictionary<int, int>();
                    long post = 0;
                    for (var b = 0; b < qb.Length; b++)
                        if (tables[b].TryGetValue(Cut(qb[b]), out var l) && l.Count <= stop) { post += l.Count; foreach (var i in l) shared[i] = shared.GetValueOrDefault(i) + 1; }
                    var cands = shared.Where(p => p.Value >= threshold).OrderByDescending(p => p.Value).ThenByDescending(p => p.Key).Select(p => p.Key).ToList();
                    candCounts.Add(cands.Count); postings.Add(post);
                    if (cands.Contains(src)) inCands++;
                    var top50 = cands.Take(topK).ToList();
                    if (top50.Contains(src)) inTop50++;
                    var top = top50.Select(i => (i, m: SimilarText.Compare(q, fps[i]))).Where(x => x.m is not null)
                        .OrderBy(x => x.m!.Value.Stage).ThenByDescending(x => x.m!.Value.Score).ThenByDescending(x => x.i).Take(10);
                    if (top.Any(x => x.i == src)) found++;
                    verified.Add(top.Count());
                    if (cands.Count == 0) empty++;
                    if (src >= 0) falseHits += top.Count(x => x.i != src && SimilarText.Compare(fps[src], fps[x.i]) is null);
                }
                Console.WriteLine($"  {kind}: source in candidates {inCands}/200, in top50 {inTop50}, returned top10 {found}; candidates p50/p90/p99 {Q(candCounts, .5)}/{Q(candCounts, .9)}/{Q(candCounts, .99)}; postings p50/p99 {Q(postings, .5)}/{Q(postings, .99)}; verified p50/p99 {Q(verified, .5)}/{Q(verified, .99)}; no candidates {empty}; false (unlike the source) {falseHits / 200.0:F3}/check");
            }
        }
        return 0;
    }

    private static double J(ulong[] a, ulong[] b)
    {
        int i = 0, j = 0, c = 0;
        while (i < a.Length && j < b.Length) { if (a[i] == b[j]) { c++; i++; j++; } else if (a[i] < b[j]) i++; else j++; }
        return (double)c / (a.Length + b.Length - c);
    }

    private static double Q(IEnumerable<double> values, double q)
    {
        var s = values.Order().ToList();
        return s.Count == 0 ? 0 : s[Math.Min(s.Count - 1, (int)Math.Ceiling(q * s.Count) - 1)];
    }
}
