using DoiThoai.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using F = DoiThoai.Web.Features.Search.SearchDocuments.Fields;
using Kinds = DoiThoai.Web.Features.Search.SearchDocuments.Kinds;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// What to search in. <see cref="UnitId"/> is the session's host unit with its sub-units and the
/// units it succeeded; <see cref="From"/>–<see cref="To"/> the session's day; <see cref="Kind"/> one of
/// <see cref="SearchDocuments.Kinds"/>. Topic, status and confidentiality belong to items, so
/// setting one leaves out conclusions.
/// </summary>
public sealed record SearchFilters(
    int? SessionId = null, int? TopicId = null, ItemStatus? Status = null, Confidentiality? Confidentiality = null,
    int? UnitId = null, int? TermId = null, DateOnly? From = null, DateOnly? To = null, string? Kind = null);

/// <summary>
/// A hit: an item, the answer to an item (<see cref="ItemId"/> is the item's) or a session
/// conclusion; <see cref="Number"/> is the item's number or the conclusion's order.
/// </summary>
public sealed record SearchHit(string Kind, int Id, int? ItemId, int SessionId, int Number, ItemStatus? Status, string? AnsweredBy,
    string Url, string Excerpt, IReadOnlyList<TextSpan> Highlights);

/// <summary>A page of hits; <see cref="Message"/> says why there are none when the query had nothing to search for.</summary>
public sealed record SearchResult(IReadOnlyList<SearchHit> Hits, int Total, string? Message)
{
    public static SearchResult Empty(string? message) => new([], 0, message);
}

/// <summary>
/// Search over what the caller may read: every fold syllable of the query must match ("bi thu chi bo"
/// finds "bí thư chi bộ"), and each syllable typed with diacritics that matches with the same tones
/// raises the rank, so what was written the way it was typed comes first (<see cref="SyllableQuery"/>). Queries are built from terms, never parsed, so quotes, "*", ":" or
/// "NEAR" are only text. The reader's scope and the filters are a Lucene filter (<see cref="SearchScope"/>),
/// so the total is exact and only the shown page is read from the database.
/// </summary>
public sealed class SearchService(SearchIndex index, UserScope scope, AppDbContext db, OrgDirectory directory)
{
    public const int MaxQueryLength = 500;
    /// <summary>How deep paging goes: a top-N of Lucene keeps N hits in memory.</summary>
    public const int MaxWindow = 10_000;

    public const string EmptyQueryMessage = "Nhập nội dung cần tìm.";
    public const string TooLongMessage = "Nội dung tìm kiếm dài quá 500 ký tự.";
    public const string NothingToSearchMessage = "Nội dung tìm kiếm không có chữ hoặc số nào để tìm.";
    public const string BadKindMessage = "Loại kết quả phải là item, answer hoặc conclusion.";
    public const string BadRangeMessage = "Ngày bắt đầu phải trước ngày kết thúc.";

    /// <summary>Why the query cannot be run at all (empty or too long), or null.</summary>
    public static string? Refusal(string? query) =>
        string.IsNullOrWhiteSpace(query) ? EmptyQueryMessage
        : query.Length > MaxQueryLength ? TooLongMessage
        : null;

    /// <summary>Why the filters cannot be applied, or null.</summary>
    public static (string Field, string Message)? FilterRefusal(SearchFilters filters) =>
        filters.Kind is { } kind && !Kinds.All.Contains(kind) ? ("kind", BadKindMessage)
        : filters.From > filters.To ? ("to", BadRangeMessage)
        : null;

    public async Task<SearchResult> SearchAsync(string? query, SearchFilters filters, Paging paging, CancellationToken ct = default)
    {
        if (Refusal(query) is { } refusal) return SearchResult.Empty(refusal);
        if (FilterRefusal(filters) is { } bad) return SearchResult.Empty(bad.Message);
        var text = SyllableQuery.Of(query);
        if (text.IsEmpty) return SearchResult.Empty(NothingToSearchMessage);

        await index.CatchUpWithLocalWritesAsync(ct);
        var filter = await FilterAsync(filters, ct);
        var take = Math.Max(0, Math.Min(paging.PageSize, MaxWindow - paging.Skip));
        var (found, total) = index.Find(text, filter, Math.Min(paging.Skip, MaxWindow), take);
        if (found.Count == 0) return new SearchResult([], total, null);
        return new SearchResult(await ReadableHitsAsync(found, text.Fold.ToHashSet(), ct), total, null);
    }

    private static readonly Filter StaffKinds = CachedFilter.Of(SearchScope.Any([.. Kinds.All.Select(k => SearchScope.Is(F.Kind, k))]));

    /// <summary>The reader's scope and the filters; they narrow the hits and add nothing to the score.</summary>
    private async Task<Filter?> FilterAsync(SearchFilters filters, CancellationToken ct)
    {
        // Portal articles share the index but have their own public search (Features/Portal). A
        // reader's scope names the staff kinds itself; only administrators need them said.
        var parts = new List<Filter> { await SearchScope.ForAsync(scope, ct) ?? StaffKinds };
        if (filters.UnitId is { } unitId)
        {
            var units = (await directory.GetAsync(ct)).Overseen(unitId);
            parts.Add(SearchScope.Cached("unit", [units], () => SearchScope.In(F.HostUnit, units)));
        }
        var clauses = new List<Query>();
        if (filters.Kind is { } kind) clauses.Add(SearchScope.Is(F.Kind, kind));
        if (filters.SessionId is { } sessionId) clauses.Add(SearchScope.Is(F.SessionId, SearchDocuments.Number(sessionId)));
        if (filters.TermId is { } termId) clauses.Add(SearchScope.Is(F.TermId, SearchDocuments.Number(termId)));
        if (filters.TopicId is { } topicId) clauses.Add(SearchScope.Is(F.TopicId, SearchDocuments.Number(topicId)));
        if (filters.Status is { } status) clauses.Add(SearchScope.Is(F.Status, status));
        if (filters.Confidentiality is { } confidentiality) clauses.Add(SearchScope.Is(F.Confidentiality, confidentiality));
        if (filters.From is not null || filters.To is not null)
            clauses.Add(NumericRangeQuery.NewInt32Range(F.Date, SearchDocuments.DatePrecisionStep,
                filters.From is { } from ? SearchDocuments.DateKey(from) : null,
                filters.To is { } to ? SearchDocuments.DateKey(to) : null, true, true));
        if (clauses.Count > 0) parts.Add(new QueryWrapperFilter(SearchScope.All([.. clauses])));
        if (parts.Count <= 1) return parts.SingleOrDefault();
        var all = new BooleanFilter();
        foreach (var part in parts) all.Add(part, Occur.MUST);
        return all;
    }

    /// <summary>
    /// The page's hits read from the database, checked once more against the scope (cheap: a page of
    /// ids), in case the index is behind a change that has just taken something away from the reader.
    /// </summary>
    private async Task<List<SearchHit>> ReadableHitsAsync(IReadOnlyList<SearchIndex.Found> found, HashSet<string> fold, CancellationToken ct)
    {
        var itemIds = found.Where(f => f.Kind != Kinds.Conclusion).Select(f => f.Id).Distinct().ToList();
        var conclusionIds = found.Where(f => f.Kind == Kinds.Conclusion).Select(f => f.Id).ToList();

        var items = itemIds.Count == 0 ? [] : await (await scope.ItemsAsync()).AsNoTracking().WhereIdIn(itemIds, db)
            .Select(i => new
            {
                i.Id, i.SessionId, i.Number, i.Status, i.Text, i.Answer, i.AnsweredBy, i.RaisedByPersonId, i.Session!.HostUnitId,
                Assignments = i.Assignments.Select(a => new SearchDocuments.AssignmentFacts(a.Id, a.AssignedAtUtc, a.LeadUnitId, a.CoUnits.Select(c => c.OrgUnitId).ToList())).ToList(),
            })
            .ToDictionaryAsync(i => i.Id, ct);
        var conclusions = conclusionIds.Count == 0 ? [] : await db.Conclusions.AsNoTracking().Where(c => conclusionIds.Contains(c.Id))
            .Join(await scope.SessionsAsync(), c => c.SessionId, s => s.Id, (c, s) => new { c.Id, c.SessionId, c.Order, c.Text, s.HostUnitId, s.Status })
            .ToDictionaryAsync(c => c.Id, ct);
        // The caller's row is read only when an unsettled answer asks whether the caller works on the
        // item: pages of items, conclusions and settled answers need no query for it.
        ItemCaller? caller = null;

        var hits = new List<SearchHit>(found.Count);
        foreach (var f in found)
        {
            if (f.Kind == Kinds.Conclusion)
            {
                if (!conclusions.TryGetValue(f.Id, out var c)) continue;
                var issued = c.Status is SessionStatus.ConclusionsIssued or SessionStatus.FollowingUp or SessionStatus.Closed;
                if (!issued && !await scope.RunsSessionAsync(c.HostUnitId)) continue;
                hits.Add(Hit(f, null, c.SessionId, c.Order, null, null, $"/Sessions/{c.SessionId}#conclusions", c.Text, fold));
                continue;
            }
            if (!items.TryGetValue(f.Id, out var i)) continue;
            if (f.Kind == Kinds.Item)
            {
                hits.Add(Hit(f, i.Id, i.SessionId, i.Number, i.Status, null, $"/Items/{i.Id}", i.Text, fold));
                continue;
            }
            var current = SearchDocuments.Current(i.Assignments);
            var facts = new ItemFacts(i.Status, i.RaisedByPersonId, current?.LeadUnitId, current?.CoUnitIds ?? [], i.HostUnitId);
            if (i.Answer is null) continue;
            if (!ItemWorkflow.IsSettledAnswer(i.Status, i.Answer) && !(caller ??= await scope.ItemCallerAsync()).MaySeeWork(facts)) continue;
            hits.Add(Hit(f, i.Id, i.SessionId, i.Number, i.Status, i.AnsweredBy, $"/Items/{i.Id}#answer", i.Answer, fold));
        }
        return hits;
    }

    private static SearchHit Hit(SearchIndex.Found f, int? itemId, int sessionId, int number, ItemStatus? status, string? answeredBy,
        string url, string text, HashSet<string> fold)
    {
        var (excerpt, marks) = Highlighter.Excerpt(text, fold);
        return new SearchHit(f.Kind, f.Id, itemId, sessionId, number, status, answeredBy, url, excerpt, marks);
    }
}
