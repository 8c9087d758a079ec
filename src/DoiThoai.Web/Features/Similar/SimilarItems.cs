using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;

namespace DoiThoai.Web.Features.Similar;

/// <summary>An earlier item like the text being typed, with what became of it.</summary>
public sealed record SimilarItem(
    int ItemId, int SessionId, string SessionTitle, DateTime SessionStartsAtUtc, int Number, ItemStatus Status,
    SimilarStage Stage, double Score, string Excerpt, string? AnswerExcerpt);

/// <summary>
/// Earlier items with the same or nearly the same content (ADR 0009), in two stages over this node's
/// search index: LSH band keys find near-copies, a BM25 query over the fold syllables finds reworded
/// items; every candidate is then checked exactly (<see cref="SimilarText.Compare"/>) on its text
/// read from the database, and only items the caller may read are returned.
/// </summary>
public sealed class SimilarItems(SearchIndex index, UserScope scope)
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
        var (nearIds, _) = index.Search(SimilarQueries.Bands(MinHash.Default.BandKeysOf(query.Shingles)), SimilarQueries.MaxNearCandidates);
        var (rewordedIds, _) = index.Search(SimilarQueries.Reworded(query.FoldSyllables), SimilarQueries.MaxRewordedCandidates);
        var candidates = nearIds.Union(rewordedIds).Where(id => id != excludeItemId).ToList();
        if (candidates.Count == 0) return [];

        var rows = await (await scope.ItemsAsync()).AsNoTracking().Where(i => candidates.Contains(i.Id))
            .Select(i => new { i.Id, i.SessionId, i.Session!.Title, i.Session.StartsAtUtc, i.Number, i.Status, i.Text, i.Answer })
            .ToListAsync(ct);
        return rows
            .Select(row => (row, match: SimilarText.Compare(query, SimilarText.Fingerprint(row.Text))))
            .Where(x => x.match is not null)
            .OrderBy(x => x.match!.Value.Stage).ThenByDescending(x => x.match!.Value.Score).ThenByDescending(x => x.row.Id)
            .Take(Math.Clamp(max, 1, MaxResults))
            .Select(x => new SimilarItem(x.row.Id, x.row.SessionId, x.row.Title, x.row.StartsAtUtc, x.row.Number, x.row.Status,
                x.match!.Value.Stage, Math.Round(x.match.Value.Score, 3), NotificationRows.Excerpt(x.row.Text, 200),
                ItemWorkflow.IsSettledAnswer(x.row.Status, x.row.Answer) ? NotificationRows.Excerpt(x.row.Answer, 300) : null))
            .ToList();
    }
}

/// <summary>The near-duplicate field of an item document and the two candidate queries over the index.</summary>
public static class SimilarQueries
{
    /// <summary>Indexed, not stored: one LSH band key per band of the item text's MinHash signature.</summary>
    public const string BandField = "lsh";
    public const int MaxNearCandidates = 50;
    public const int MaxRewordedCandidates = 20;
    /// <summary>Syllables of a long text beyond these add little to the ranking and slow the query down.</summary>
    private const int MaxRewordedSyllables = 200;

    /// <summary>Adds the band keys of an item's own text (not its answer) to its document.</summary>
    public static void AddBandKeys(Document doc, string text, MinHash? scheme = null) =>
        AddBandKeys(doc, Tokens.Of(text).FoldSyllables, scheme);

    /// <summary>The same from the text's fold syllables, when the document builder has them already.</summary>
    public static void AddBandKeys(Document doc, IReadOnlyList<string> foldSyllables, MinHash? scheme = null)
    {
        var minHash = scheme ?? MinHash.Default;
        var keys = minHash.BandKeysOf(minHash.ShinglesOf(foldSyllables));
        if (keys.Count > 0) doc.Add(new Field(BandField, string.Join(' ', keys), SearchDocuments.Keyword));
    }

    /// <summary>Items sharing at least one band key; more shared bands rank higher.</summary>
    public static Query Bands(IReadOnlyList<string> keys)
    {
        var query = new BooleanQuery { MinimumNumberShouldMatch = 1 };
        foreach (var key in keys) query.Add(new TermQuery(new Term(BandField, key)), Occur.SHOULD);
        return query;
    }

    /// <summary>
    /// BM25 over the fold syllables. Syllables in more than <see cref="CommonShare"/> of the items
    /// ("de", "nghi", "cua") only add to the score of items matched by a rarer one, so the query never
    /// walks the postings of every item; when a text has only common syllables they all count.
    /// </summary>
    public static Query Reworded(IReadOnlyList<string> foldSyllables)
    {
        var query = new CommonTermsQuery(Occur.SHOULD, Occur.SHOULD, CommonShare);
        foreach (var syllable in foldSyllables.Distinct(StringComparer.Ordinal).Take(MaxRewordedSyllables))
            query.Add(new Term(SearchDocuments.Fields.Fold, syllable));
        return query;
    }

    private const float CommonShare = 0.05f;
}
