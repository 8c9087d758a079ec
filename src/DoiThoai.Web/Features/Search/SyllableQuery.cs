using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DoiThoai.Text;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using F = DoiThoai.Web.Features.Search.SearchDocuments.Fields;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// The text part of a search: every fold syllable must be in the document, and when the query was
/// typed with diacritics, each of its syllables that the document has with the same tones raises the
/// rank (so "nghị" ranks "nghị" above "nghỉ" and "nghi", and "ban đất" ranks "ban" above "bán").
/// Typed without any diacritics, a query asks nothing of the tones: the writer did not choose them.
/// </summary>
/// <remarks>
/// Run as one BooleanQuery (fold syllables required, tone syllables optional) this walked the
/// postings of every syllable: at 1,000,000 items a syllable in 70% of them, or four everyday ones
/// ("bi thu chi bo"), cost 25–50 ms on this machine however few the hits, because Lucene 4.8 scores a
/// conjunction by advancing every clause for every candidate. Here only the rare fold syllables (or,
/// when all are common, the rarest one) are scored by Lucene's BM25; the common ones are checked
/// against a bit set of their documents per index segment, built once and kept with the segment,
/// and the tone syllables add their inverse document frequency, weighted, when the document has
/// them. A common syllable scored alone varies little from document to document, so the ranking is
/// nearly the one of the full query, at a fraction of the cost.
/// </remarks>
public sealed record SyllableQuery(IReadOnlyList<string> Fold, IReadOnlyList<string> Tone)
{
    private const int MaxSyllables = 64;
    public const float ToneBoost = 2f;

    /// <summary>The distinct syllables of <paramref name="text"/>: fold syllables, and tone syllables when any carries a diacritic.</summary>
    public static SyllableQuery Of(string? text)
    {
        var tokens = Tokens.Of(text);
        var fold = tokens.FoldSyllables.Distinct(StringComparer.Ordinal).Take(MaxSyllables).ToList();
        var tone = tokens.ToneSyllables.Distinct(StringComparer.Ordinal).Take(MaxSyllables).ToList();
        var foldSet = fold.ToHashSet(StringComparer.Ordinal);
        return new SyllableQuery(fold, tone.Any(t => !foldSet.Contains(t)) ? tone : []);
    }

    public bool IsEmpty => Fold.Count == 0;

    /// <summary>
    /// A syllable in more than this share of the documents, and in more than <see cref="CommonMinimum"/>
    /// of them, is checked by bit set, not scored. Below that, scoring it costs less than a millisecond.
    /// </summary>
    private const int CommonDivisor = 50;
    private const int CommonMinimum = 5_000;

    /// <summary>
    /// The documents ranked <paramref name="skip"/>+1 to <paramref name="skip"/>+<paramref name="take"/>
    /// (by score, then by document order, as Lucene ranks) and how many match in all.
    /// </summary>
    public (IReadOnlyList<ScoreDoc> Hits, int TotalHits) Run(IndexSearcher searcher, Filter? filter, int skip, int take)
    {
        if (IsEmpty) return ([], 0);
        var reader = searcher.IndexReader;
        var counted = Fold.Select(s => (Syllable: s, Count: TermFrequencies.DocFreq(reader, F.Fold, s))).OrderBy(s => s.Count).ToList();
        if (counted[0].Count == 0) return ([], 0); // a syllable no document has
        var common = Math.Max(CommonMinimum, reader.MaxDoc / CommonDivisor);
        var scored = counted.Where(s => s.Count <= common).Select(s => s.Syllable).ToList();
        if (scored.Count == 0) scored.Add(counted[0].Syllable);
        var checkedOnly = counted.Select(s => s.Syllable).Except(scored).ToList();

        var driver = new BooleanQuery();
        foreach (var syllable in scored) driver.Add(new TermQuery(new Term(F.Fold, syllable)), Occur.MUST);
        var bonuses = Tone.Select(t => (Syllable: t, Weight: ToneBoost * Idf(TermFrequencies.DocFreq(reader, F.Tone, t), reader.MaxDoc)))
            .Where(t => t.Weight > 0).ToList();

        var collector = new Collector(Math.Max(1, skip + take), checkedOnly, bonuses);
        searcher.Search(CachedFilter.Apply(driver, filter), collector);
        return (collector.Top().Skip(skip).ToList(), collector.Total);
    }

    /// <summary>BM25's inverse document frequency, as Lucene computes it.</summary>
    private static float Idf(int docFreq, int docCount) =>
        docFreq == 0 ? 0 : (float)Math.Log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));

    /// <summary>Keeps the best hits of the driving query among the documents that also have every checked syllable.</summary>
    private sealed class Collector(int size, IReadOnlyList<string> required, IReadOnlyList<(string Syllable, float Weight)> bonuses) : ICollector
    {
        // A min-heap on (score, then later document first): the root is the hit the next better one replaces.
        private readonly float[] scores = new float[size];
        private readonly int[] docs = new int[size];
        private int count;
        private Scorer? scorer;
        private int docBase;
        private DocSet[] requiredSets = [];
        private DocSet[] bonusSets = [];
        private readonly float[] weights = bonuses.Select(b => b.Weight).ToArray();

        public int Total { get; private set; }

        public bool AcceptsDocsOutOfOrder => false; // the document sets below are walked forward

        public void SetScorer(Scorer scorer) => this.scorer = scorer;

        public void SetNextReader(AtomicReaderContext context)
        {
            docBase = context.DocBase;
            requiredSets = required.Select(s => DocSet.Of(context.AtomicReader, F.Fold, s)).ToArray();
            bonusSets = bonuses.Select(b => DocSet.Of(context.AtomicReader, F.Tone, b.Syllable)).ToArray();
        }

        public void Collect(int doc)
        {
            foreach (var set in requiredSets)
                if (!set.Contains(doc)) return;
            Total++;
            var score = scorer!.GetScore();
            for (var i = 0; i < bonusSets.Length; i++)
                if (bonusSets[i].Contains(doc)) score += weights[i];
            // Documents come in order, so on an equal score the one already kept ranks first.
            if (count == size && score <= scores[0]) return;
            var global = docBase + doc;
            if (count < size)
            {
                scores[count] = score;
                docs[count] = global;
                Up(count++);
            }
            else
            {
                scores[0] = score;
                docs[0] = global;
                Down(0);
            }
        }

        private bool Less(int a, int b) => scores[a] < scores[b] || (scores[a] == scores[b] && docs[a] > docs[b]);

        private void Swap(int a, int b)
        {
            (scores[a], scores[b]) = (scores[b], scores[a]);
            (docs[a], docs[b]) = (docs[b], docs[a]);
        }

        private void Up(int at)
        {
            while (at > 0 && Less(at, (at - 1) / 2))
            {
                Swap(at, (at - 1) / 2);
                at = (at - 1) / 2;
            }
        }

        private void Down(int at)
        {
            while (true)
            {
                int left = 2 * at + 1, right = left + 1, least = at;
                if (left < count && Less(left, least)) least = left;
                if (right < count && Less(right, least)) least = right;
                if (least == at) return;
                Swap(at, least);
                at = least;
            }
        }

        /// <summary>The kept hits, best first.</summary>
        public List<ScoreDoc> Top() =>
            Enumerable.Range(0, count).Select(i => new ScoreDoc(docs[i], scores[i]))
                .OrderByDescending(h => h.Score).ThenBy(h => h.Doc).ToList();
    }

    /// <summary>
    /// The documents of one segment holding a term: a bit set for a common term (kept with the segment,
    /// within a memory budget), else the sorted document numbers, walked forward as the hits arrive in order.
    /// </summary>
    private abstract class DocSet
    {
        public abstract bool Contains(int doc);

        /// <summary>
        /// Bit sets kept per segment: at most this many terms, so the whole cache stays under
        /// 512 × (documents / 8) bytes — 64 MB at 1,000,000 — however the segments are cut.
        /// </summary>
        private const int MaxCachedPerSegment = 512;
        private static readonly ConditionalWeakTable<object, ConcurrentDictionary<(string, string), FixedBitSet>> Cached = [];

        public static DocSet Of(AtomicReader reader, string field, string text)
        {
            var count = TermFrequencies.DocFreq(reader, field, text);
            if (count == 0) return Nothing.Instance;
            if (count < reader.MaxDoc / (CommonDivisor * 4)) return new Sorted(Documents(reader, field, text, count));
            var perSegment = Cached.GetValue(reader.CoreCacheKey, _ => new ConcurrentDictionary<(string, string), FixedBitSet>());
            if (perSegment.TryGetValue((field, text), out var known)) return new Bits(known);
            var bits = new FixedBitSet(reader.MaxDoc);
            foreach (var doc in Documents(reader, field, text, count)) bits.Set(doc);
            // A segment that merges away takes its sets with it.
            if (perSegment.Count < MaxCachedPerSegment) perSegment.TryAdd((field, text), bits);
            return new Bits(bits);
        }

        private static int[] Documents(AtomicReader reader, string field, string text, int count)
        {
            var docs = reader.GetTermDocsEnum(new Term(field, text));
            if (docs is null) return [];
            var list = new List<int>(count);
            for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc()) list.Add(doc);
            return [.. list];
        }

        private sealed class Nothing : DocSet
        {
            public static readonly Nothing Instance = new();
            public override bool Contains(int doc) => false;
        }

        private sealed class Bits(FixedBitSet bits) : DocSet
        {
            public override bool Contains(int doc) => bits.Get(doc);
        }

        private sealed class Sorted(int[] docs) : DocSet
        {
            private int at;

            public override bool Contains(int doc)
            {
                while (at < docs.Length && docs[at] < doc) at++;
                return at < docs.Length && docs[at] == doc;
            }
        }
    }
}
