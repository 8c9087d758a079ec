using System.Diagnostics;
using System.Globalization;
using DoiThoai.Text;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Similar;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace DoiThoai.Bench;

/// <summary>
/// `similar-quality`: precision and recall of near-duplicate lookup per edit rate, beside an exact
/// Jaccard baseline (every item compared with <see cref="SimilarText.Compare"/>). Items are built
/// from benchmark sentences only (uit-vsfc, never shipped) with a fixed seed, so a run is repeatable.
/// The index is an in-memory Lucene index with the app's own fields and queries (<see cref="NearCopyBands"/>, <see cref="SimilarQueries"/>).
/// Arguments: --sents FILE --items N --checks N --shingle K --bands B --rows R (defaults: the app's).
/// </summary>
public static class SimilarQuality
{
    private static readonly string[] Openers =
    [
        "Đề nghị", "Kiến nghị", "Phản ánh", "Cử tri đề nghị", "Đảng viên chi bộ phản ánh", "Đề nghị Ban Thường vụ Tỉnh ủy xem xét",
        "Đề nghị UBKT huyện làm rõ", "Đề nghị HĐND xã quan tâm", "Ý kiến của Bí thư chi bộ", "Đề nghị Mặt trận Tổ quốc",
    ];

    public static int Run(string[] args)
    {
        var options = Options(args);
        var sentsPath = options.GetValueOrDefault("sents", Path.Combine("..", "shared", "data", "uit-vsfc", "train", "sents.txt"));
        var itemCount = int.Parse(options.GetValueOrDefault("items", "20000"), CultureInfo.InvariantCulture);
        var checks = int.Parse(options.GetValueOrDefault("checks", "500"), CultureInfo.InvariantCulture);
        var scheme = new MinHash(
            int.Parse(options.GetValueOrDefault("shingle", NearCopyBands.Scheme.ShingleSize.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("bands", NearCopyBands.Scheme.Bands.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
            int.Parse(options.GetValueOrDefault("rows", NearCopyBands.Scheme.Rows.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture));
        var near = double.Parse(options.GetValueOrDefault("near", SimilarText.NearCopyThreshold.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        var reworded = double.Parse(options.GetValueOrDefault("reworded", SimilarText.RewordedThreshold.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var sentences = File.ReadAllLines(sentsPath).Where(s => s.Split(' ').Length >= 4).Distinct().ToArray();
        var vocabulary = sentences.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(w => w.Any(char.IsLetter)).Distinct().ToArray();
        var random = new Random(20261127);
        var items = new string[itemCount];
        for (var i = 0; i < itemCount; i++)
            items[i] = Openers[random.Next(Openers.Length)] + " " + string.Join(" ", Enumerable.Range(0, random.Next(2, 5)).Select(_ => sentences[random.Next(sentences.Length)]));

        Console.WriteLine($"similar-quality: {itemCount:N0} items from {sentsPath}, {checks} checks per edit rate; shingle {scheme.ShingleSize}, {scheme.Bands} bands × {scheme.Rows} rows; thresholds near-copy {near}, reworded {reworded}");
        var watch = Stopwatch.StartNew();
        var fingerprints = items.Select(t => SimilarText.Fingerprint(t)).ToArray();
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48)) { Similarity = new BM25Similarity() }))
        {
            for (var i = 0; i < itemCount; i++)
            {
                var doc = new Document
                {
                    new StringField(SearchDocuments.Fields.Id, i.ToString(CultureInfo.InvariantCulture), Field.Store.YES),
                    new StringField(SearchDocuments.Fields.Kind, SearchDocuments.Kinds.Item, Field.Store.NO),
                    new TextField(SearchDocuments.Fields.Fold, string.Join(' ', fingerprints[i].FoldSyllables), Field.Store.NO),
                };
                NearCopyBands.Add(doc, i, fingerprints[i].FoldSyllables, scheme);
                writer.AddDocument(doc);
            }
            writer.Commit();
        }
        Console.WriteLine($"indexed in {watch.Elapsed.TotalSeconds:F1} s");
        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };

        Console.WriteLine("| edits | exact Jaccard baseline recall | LSH (stage 1) recall | stages 1+2 recall | precision | LSH candidates/check | false candidates/check (returned, unlike the original) | lookup p50 / p99 | of which the two queries p50 / p99 |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var (name, rate, paraphrase) in new[] { ("5%", 0.05, false), ("10%", 0.10, false), ("20%", 0.20, false), ("paraphrase", 0.25, true) })
        {
            int baseline = 0, lshFound = 0, found = 0, returned = 0, falseHits = 0;
            long lshCandidates = 0;
            var timings = new List<double>(checks);
            var queryTimings = new List<double>(checks);
            var rng = new Random(name.Length * 1000 + (int)(rate * 100));
            for (var c = 0; c < checks; c++)
            {
                var original = rng.Next(itemCount);
                var copy = Edit(items[original], rate, paraphrase, vocabulary, rng);
                if (c % 2 == 1) copy = SearchKeys.FoldKey(copy); // every other copy typed without diacritics
                var query = SimilarText.Fingerprint(copy);
                if (SimilarText.Compare(query, fingerprints[original], near, reworded) is not null) baseline++;

                var started = Stopwatch.GetTimestamp();
                var hashes = scheme.BandHashesOf(scheme.ShinglesOf(query.FoldSyllables));
                var lsh = NearCopyBands.Candidates(searcher, hashes, SimilarQueries.MaxNearCandidates);
                var all = SimilarQueries.Candidates(searcher, hashes, query.FoldSyllables);
                queryTimings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                lshCandidates += lsh.Count;
                if (lsh.Contains(original) && SimilarText.Compare(query, fingerprints[original], near, 2.0) is not null) lshFound++;
                // As in the app, candidates are fingerprinted from their text at lookup time.
                var hits = all.Where(id => SimilarText.Compare(query, SimilarText.Fingerprint(items[id]), near, reworded) is not null).ToList();
                timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                returned += hits.Count;
                if (hits.Contains(original)) found++;
                // An item as like the original as the copy is a duplicate already in the corpus, not a false one.
                falseHits += hits.Count(id => id != original && SimilarText.Compare(fingerprints[original], fingerprints[id], near, reworded) is null);
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Percent(baseline, checks)} | {Percent(lshFound, checks)} | {Percent(found, checks)} | {Percent(returned - falseHits, returned)} | {(double)lshCandidates / checks:F2} | {(double)falseHits / checks:F3} | {Quantile(timings, 0.5):F2} / {Quantile(timings, 0.99):F2} ms | {Quantile(queryTimings, 0.5):F2} / {Quantile(queryTimings, 0.99):F2} ms |"));
        }
        Console.WriteLine($"total {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
    }

    private static string Percent(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Each word is, with probability <paramref name="rate"/>, replaced, dropped or followed by a new
    /// word (a third each); a paraphrase also reverses the order of its parts.
    /// </summary>
    private static string Edit(string text, double rate, bool paraphrase, string[] vocabulary, Random rng)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (paraphrase)
        {
            var parts = string.Join(' ', words).Split(" . ", StringSplitOptions.RemoveEmptyEntries);
            words = string.Join(" . ", parts.Reverse()).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        }
        var result = new List<string>(words.Count + 8);
        foreach (var word in words)
        {
            if (rng.NextDouble() >= rate)
            {
                result.Add(word);
                continue;
            }
            switch (rng.Next(3))
            {
                case 0: result.Add(vocabulary[rng.Next(vocabulary.Length)]); break;
                case 1: break;
                default: result.Add(word); result.Add(vocabulary[rng.Next(vocabulary.Length)]); break;
            }
        }
        return string.Join(' ', result);
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal)) options[args[i][2..]] = args[++i];
        return options;
    }
}
