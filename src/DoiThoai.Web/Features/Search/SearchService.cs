using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace DoiThoai.Web.Features.Search;

public sealed record SearchFilters(int? SessionId = null, int? TopicId = null, ItemStatus? Status = null, Confidentiality? Confidentiality = null);

public sealed record SearchHit(int ItemId, int SessionId, int Number, ItemStatus Status, string Excerpt, IReadOnlyList<TextSpan> Highlights);

/// <summary>A page of hits; <see cref="Message"/> says why there are none when the query had nothing to search for.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, string? Message)
{
    public static SearchResult Empty(string? message) => new([], 0, message);
}

/// <summary>
/// Search over items the caller may read: every fold syllable of the query must match ("bi thu chi bo"
/// finds "bí thư chi bộ"), and each tone syllable that matches too raises the rank, so what was typed
/// with the same tones comes first. Queries are built from terms, never parsed, so quotes, "*", ":" or
/// "NEAR" are only text.
/// </summary>
public sealed class SearchService(SearchIndex index, UserScope scope, AppDbContext db)
{
    public const int MaxQueryLength = 500;
    /// <summary>Hits read from the index before the reader's scope is applied.</summary>
    private const int MaxCandidates = 5_000;
    private const int MaxSyllables = 64;
    private const float ToneBoost = 2f;

    public const string EmptyQueryMessage = "Nhập nội dung cần tìm.";
    public const string TooLongMessage = "Nội dung tìm kiếm dài quá 500 ký tự.";
    public const string NothingToSearchMessage = "Nội dung tìm kiếm không có chữ hoặc số nào để tìm.";

    /// <summary>Why the query cannot be run at all (empty or too long), or null.</summary>
    public static string? Refusal(string? query) =>
        string.IsNullOrWhiteSpace(query) ? EmptyQueryMessage
        : query.Length > MaxQueryLength ? TooLongMessage
        : null;

    public async Task<SearchResult> SearchAsync(string? query, SearchFilters filters, Paging paging, CancellationToken ct = default)
    {
        if (Refusal(query) is { } refusal) return SearchResult.Empty(refusal);
        var tokens = Tokens.Of(query);
        var fold = tokens.FoldSyllables.Distinct().Take(MaxSyllables).ToList();
        if (fold.Count == 0) return SearchResult.Empty(NothingToSearchMessage);
        var tone = tokens.ToneSyllables.Distinct().Take(MaxSyllables).ToList();

        await index.CatchUpAsync(ct);
        var wanted = (int)Math.Min(MaxCandidates, Math.Max(200L, (long)paging.Page * paging.PageSize * 4));
        var (candidates, _) = index.Search(Build(fold, tone, filters), wanted);
        if (candidates.Count == 0) return SearchResult.Empty(null);

        // Lucene ranks; the database decides who may read what (UserScope), in Lucene's order.
        var readable = (await (await scope.ItemsAsync()).Where(i => candidates.Contains(i.Id)).Select(i => i.Id).ToListAsync(ct)).ToHashSet();
        var ordered = candidates.Where(readable.Contains).ToList();
        var pageIds = ordered.Skip(paging.Skip).Take(paging.PageSize).ToList();
        var rows = await db.Items.AsNoTracking().Where(i => pageIds.Contains(i.Id))
            .Select(i => new { i.Id, i.SessionId, i.Number, i.Status, i.Text })
            .ToDictionaryAsync(i => i.Id, ct);
        var foldSet = fold.ToHashSet();
        var hits = pageIds.Where(rows.ContainsKey).Select(id =>
        {
            var row = rows[id];
            var (excerpt, marks) = Highlighter.Excerpt(row.Text, foldSet);
            return new SearchHit(row.Id, row.SessionId, row.Number, row.Status, excerpt, marks);
        }).ToList();
        return new SearchResult(hits, ordered.Count, null);
    }

    private static BooleanQuery Build(List<string> fold, List<string> tone, SearchFilters filters)
    {
        var query = new BooleanQuery();
        foreach (var syllable in fold) query.Add(new TermQuery(new Term(SearchIndex.Fields.Fold, syllable)), Occur.MUST);
        foreach (var syllable in tone) query.Add(new TermQuery(new Term(SearchIndex.Fields.Tone, syllable)) { Boost = ToneBoost }, Occur.SHOULD);
        if (filters.SessionId is { } sessionId) query.Add(Exact(SearchIndex.Fields.SessionId, sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Occur.MUST);
        if (filters.TopicId is { } topicId) query.Add(Exact(SearchIndex.Fields.TopicId, topicId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Occur.MUST);
        if (filters.Status is { } status) query.Add(Exact(SearchIndex.Fields.Status, status.ToString()), Occur.MUST);
        if (filters.Confidentiality is { } confidentiality) query.Add(Exact(SearchIndex.Fields.Confidentiality, confidentiality.ToString()), Occur.MUST);
        return query;
    }

    // Filters only narrow; they add nothing to the score.
    private static Query Exact(string field, string value) => new ConstantScoreQuery(new TermQuery(new Term(field, value))) { Boost = 0f };
}
