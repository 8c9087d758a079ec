using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DoiThoai.Web.Features.Similar;

/// <summary>An earlier item like the text being typed, with what became of it.</summary>
public sealed record SimilarItem(
    int ItemId, int SessionId, string SessionTitle, DateTime SessionStartsAtUtc, int Number, ItemStatus Status,
    SimilarStage Stage, double Score, string Excerpt, string? AnswerExcerpt);

/// <summary>
/// Earlier items with the same or nearly the same content (ADR 0009, ADR 0024), in two stages over
/// this node's search index: MinHash bands over the text's syllables find near-copies and reworded
/// copies (<see cref="NearCopyBands"/>); when no item shares enough bands, a BM25 query over the
/// text's rarest fold syllables looks for reworded items. Every candidate is then checked exactly
/// (<see cref="SimilarText.Compare"/>) on its text read from the database, and only items the caller
/// may read are returned.
/// </summary>
public sealed class SimilarItems(SearchIndex index, UserScope scope, AppDbContext db)
{
    public const int MaxTextLength = ItemRules.MaxTextLength;
    public const int DefaultMax = 10;
    public const int MaxResults = 50;
    public const string EmptyTextMessage = "Nhập nội dung ý kiến để tìm ý kiến tương tự.";
    public const string TooLongMessage = "Nội dung dài quá 10.000 ký tự.";

    /// <summary>Why the text cannot be looked up (empty or too long), or null.</summary>
    public static string? Refusal(string? text) =>
        string.IsNullOrWhiteSpace(text) ? EmptyTextMessage
        : text.Length > MaxTextLength ? TooLongMessage
        : null;

    public async Task<IReadOnlyList<SimilarItem>> FindAsync(string? text, int? excludeItemId = null, int max = DefaultMax, CancellationToken ct = default)
    {
        if (Refusal(text) is not null) return [];
        var query = SimilarText.Fingerprint(text);
        if (query.IsEmpty) return []; // only punctuation: nothing to compare

        await index.CatchUpWithLocalWritesAsync(ct);
        var bands = NearCopyBands.HashesOf(query);
        var candidates = index.Read(searcher => SimilarQueries.Candidates(searcher, bands, query.FoldSyllables))
            .Where(id => id != excludeItemId).ToList();
        if (candidates.Count == 0) return [];

        // No join to the sessions (their titles come next, by id): with the session's title in the same
        // query SQLite planned it from the sessions side (see ItemIds).
        var rows = await (await scope.ItemsAsync()).AsNoTracking().WhereIdIn(candidates, db)
            .Select(i => new { i.Id, i.SessionId, i.Number, i.Status, i.Text, i.Answer })
            .ToListAsync(ct);
        var matches = rows
            .Select(row => (row, match: SimilarText.Compare(query, SimilarText.Fingerprint(row.Text))))
            .Where(x => x.match is not null)
            .OrderBy(x => x.match!.Value.Stage).ThenByDescending(x => x.match!.Value.Score).ThenByDescending(x => x.row.Id)
            .Take(Math.Clamp(max, 1, MaxResults))
            .ToList();
        if (matches.Count == 0) return [];
        var sessionIds = matches.Select(x => x.row.SessionId).Distinct().ToList();
        var sessions = await db.Sessions.AsNoTracking().WhereIdIn(sessionIds, db)
            .Select(s => new { s.Id, s.Title, s.StartsAtUtc })
            .ToDictionaryAsync(s => s.Id, ct);
        return matches
            .Select(x => new SimilarItem(x.row.Id, x.row.SessionId, sessions[x.row.SessionId].Title, sessions[x.row.SessionId].StartsAtUtc, x.row.Number, x.row.Status,
                x.match!.Value.Stage, Math.Round(x.match.Value.Score, 3), NotificationRows.Excerpt(x.row.Text, 200),
                ItemWorkflow.IsSettledAnswer(x.row.Status, x.row.Answer) ? NotificationRows.Excerpt(x.row.Answer, 300) : null))
            .ToList();
    }
}

/// <summary>The two candidate stages over one searcher.</summary>
public static class SimilarQueries
{
    /// <summary>
    /// Items sharing the most bands that are read and checked: at 1,000,000 generated items the
    /// source of a copy was among the first 20 whenever it shared three bands at all, and the rows
    /// read are most of a lookup's cost.
    /// </summary>
    public const int MaxNearCandidates = 20;
    public const int MaxRewordedCandidates = 20;

    /// <summary>
    /// Items sharing bands with the text; when there are none, reworded items by BM25. Ids, without
    /// repeats. The BM25 stage is the fallback, not a second pass: at 1,000,000 generated items the
    /// bands over syllables returned the source of 199 of 200 copies with a fifth of the words edited
    /// and of 195 of 200 paraphrases, against 200 and 199 for the exact check run over every item, so
    /// a second pass had little left to find and would cost about 2 ms on every lookup.
    /// </summary>
    public static IReadOnlyList<int> Candidates(IndexSearcher searcher, uint[] bands, IReadOnlyList<string> foldSyllables, Filter? itemsOnly = null)
    {
        var near = NearCopyBands.Candidates(searcher, bands, MaxNearCandidates);
        if (near.Count > 0 || Reworded(searcher.IndexReader, foldSyllables) is not { } reworded) return near;
        var top = searcher.Search(CachedFilter.Apply(reworded, itemsOnly ?? SearchIndex.ItemsOnly), MaxRewordedCandidates);
        var ids = new List<int>(near);
        foreach (var hit in top.ScoreDocs)
        {
            var id = int.Parse(searcher.Doc(hit.Doc, IdOnly).Get(SearchDocuments.Fields.Id), System.Globalization.CultureInfo.InvariantCulture);
            if (!ids.Contains(id)) ids.Add(id);
        }
        return ids;
    }

    private static readonly ISet<string> IdOnly = new HashSet<string> { SearchDocuments.Fields.Id };

    /// <summary>
    /// BM25 over rare fold syllables taken from every part of the text: the text is cut into
    /// <see cref="Parts"/> runs of syllables and each run gives its rarest syllable in turn, as long as
    /// the postings stay within <see cref="PostingsBudget"/> (at most <see cref="MaxRewordedTerms"/>
    /// syllables), a third of them required. A reworded item keeps most of its words, so it keeps most
    /// of these; an item that only shares one sentence with the text (at a million items every sentence
    /// people repeat is in hundreds of them) matches the syllables of one part and falls short of the
    /// third. Taking the rarest syllables of the whole text instead often took them all from one
    /// sentence, and the reworded original drowned among the items sharing that sentence (recall of
    /// 20%-edited copies 66% at 1,000,000 items). The cost stays bounded however large the index grows.
    /// Null when no syllable of the text is indexed within the budget: such a text is found by its
    /// near-copy bands or not at all. Since ADR 0024 it runs only for texts no item shares three bands
    /// with (at 1,000,000 items one new text in twenty, made of stock phrases): with a budget of
    /// 100,000 postings those lookups took 13–24 ms, the whole tail of the latency.
    /// </summary>
    public static Query? Reworded(IndexReader reader, IReadOnlyList<string> foldSyllables)
    {
        var parts = Enumerable.Range(0, Parts)
            .Select(p => foldSyllables.Skip(p * foldSyllables.Count / Parts).Take((p + 1) * foldSyllables.Count / Parts - p * foldSyllables.Count / Parts)
                .Distinct(StringComparer.Ordinal)
                .Select(s => (Syllable: s, Count: TermFrequencies.DocFreq(reader, SearchDocuments.Fields.Fold, s)))
                .Where(s => s.Count > 0)
                .OrderBy(s => s.Count).ThenBy(s => s.Syllable, StringComparer.Ordinal)
                .ToList())
            .Where(p => p.Count > 0)
            .ToList();
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        var query = new BooleanQuery();
        long postings = 0;
        for (var round = 0; parts.Any(p => round < p.Count); round++)
        {
            foreach (var part in parts.Where(p => round < p.Count))
            {
                var (syllable, count) = part[round];
                if (query.Clauses.Count >= MaxRewordedTerms) break;
                if (postings + count > PostingsBudget || !chosen.Add(syllable)) continue;
                query.Add(new TermQuery(new Term(SearchDocuments.Fields.Fold, syllable)), Occur.SHOULD);
                postings += count;
            }
        }
        if (query.Clauses.Count == 0) return null;
        query.MinimumNumberShouldMatch = Math.Max(1, (query.Clauses.Count + 2) / 3);
        return query;
    }

    private const int Parts = 4;
    private const int MaxRewordedTerms = 12;
    private const long PostingsBudget = 20_000;
}
