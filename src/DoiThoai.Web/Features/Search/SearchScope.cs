using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;
using F = DoiThoai.Web.Features.Search.SearchDocuments.Fields;
using Kinds = DoiThoai.Web.Features.Search.SearchDocuments.Kinds;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// The reader's scope as a Lucene query over the indexed fields, so that ranking, paging and the
/// total count happen inside the index over exactly what the reader may see. It mirrors, rule for
/// rule and in the same order, <see cref="UserScope.SessionsAsync"/> and <see cref="UserScope.ItemsAsync"/>,
/// the answer rule of the item page (final, or the caller works on the item: <see cref="ItemCaller.MaySeeWork"/>)
/// and the conclusion rule of the session page (issued, or the caller runs the session).
/// </summary>
public static class SearchScope
{
    /// <summary>
    /// The caller's scope as a filter, null when the caller may see everything (administrators).
    /// Built filters are kept by what they were built from (roles, unit sets, person, sessions), so
    /// the next search in the same scope reuses their per-segment bitsets instead of walking the
    /// postings of thousands of unit ids again.
    /// </summary>
    public static async Task<Filter?> ForAsync(UserScope scope, CancellationToken ct)
    {
        if (scope.IsAdmin) return null;
        var inputs = new List<IEnumerable<int>>();
        var query = await QueryAsync(scope, inputs, ct);
        var roles = string.Join(',', new[] { Roles.OfficeStaff, Roles.Leader, Roles.Editor, Roles.DepartmentHandler, Roles.Member }.Where(scope.IsInRole));
        return Cached("scope:" + roles, inputs, () => query);
    }

    private static readonly ConcurrentDictionary<string, Filter> Filters = new();
    private const int MaxCachedFilters = 500;

    /// <summary>The filter for <paramref name="build"/>'s query, shared by every search whose key and id sets are the same.</summary>
    public static Filter Cached(string key, IEnumerable<IEnumerable<int>> idSets, Func<Query> build)
    {
        var text = new StringBuilder(key);
        foreach (var set in idSets) text.Append('|').AppendJoin(',', set.Order());
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        if (Filters.Count > MaxCachedFilters) Filters.Clear();
        return Filters.GetOrAdd(hash, _ => CachedFilter.Of(build()));
    }

    private static async Task<Query> QueryAsync(UserScope scope, List<IEnumerable<int>> inputs, CancellationToken ct)
    {
        var overseen = await scope.OverseenUnitsAsync() ?? throw new InvalidOperationException("Only administrators oversee every unit.");
        var isHandler = scope.IsInRole(Roles.DepartmentHandler);
        inputs.Add(overseen);

        Query sessions;
        if (scope.IsSecretariat || scope.IsInRole(Roles.Editor))
            sessions = Any(In(F.HostUnit, overseen), In(F.ParticipantUnit, overseen));
        else if (isHandler)
            // A handler reads the sessions where some item is assigned to their units: a property of
            // the session's other items, so asked of the database (one indexed query) rather than
            // re-indexing a whole session whenever one of its items is assigned.
        {
            var ids = await (await scope.SessionsAsync()).Select(s => s.Id).ToListAsync(ct);
            inputs.Add(ids);
            sessions = In(F.SessionId, ids);
        }
        else if (scope.IsInRole(Roles.Member))
        {
            var belongs = await scope.BelongsToUnitsAsync();
            inputs.Add(belongs);
            sessions = Any(In(F.HostUnit, belongs), In(F.ParticipantUnit, belongs));
        }
        else return Nothing;

        var personId = await scope.PersonIdAsync();
        inputs.Add(personId is { } id ? [id] : []);
        Query items;
        if (scope.IsSecretariat)
            items = Any(Is(F.Confidentiality, Confidentiality.Public), Is(F.Confidentiality, Confidentiality.Internal), In(F.HostUnit, overseen));
        else if (isHandler)
            items = Any(
                Is(F.Confidentiality, Confidentiality.Public),
                All(Is(F.Confidentiality, Confidentiality.Internal), Any(In(F.LeadUnit, overseen), In(F.CoUnit, overseen))),
                All(Is(F.Confidentiality, Confidentiality.Restricted), In(F.LeadUnit, overseen)));
        else if (scope.IsInRole(Roles.Member) && personId is { } person)
            items = Any(Is(F.Confidentiality, Confidentiality.Public), Is(F.RaisedBy, SearchDocuments.Number(person)));
        else
            items = Is(F.Confidentiality, Confidentiality.Public);

        Query answers = scope.IsSecretariat ? items
            : isHandler ? All(items, Any(Is(F.Final, SearchDocuments.Yes), In(F.CurrentLeadUnit, overseen), In(F.CurrentCoUnit, overseen)))
            : All(items, Is(F.Final, SearchDocuments.Yes));
        // Only the office and leaders of the host committee (RunsSessionAsync) read conclusions before they are issued.
        Query conclusions = scope.IsSecretariat ? Any(Is(F.Final, SearchDocuments.Yes), In(F.HostUnit, overseen)) : Is(F.Final, SearchDocuments.Yes);

        return All(sessions, Any(
            All(Is(F.Kind, Kinds.Item), items),
            All(Is(F.Kind, Kinds.Answer), answers),
            All(Is(F.Kind, Kinds.Conclusion), conclusions)));
    }

    /// <summary>Matches no document.</summary>
    public static Query Nothing => new BooleanQuery();

    public static Query Is(string field, string value) => new TermQuery(new Term(field, value));

    public static Query Is<TEnum>(string field, TEnum value) where TEnum : struct, Enum => Is(field, value.ToString());

    /// <summary>The field has one of the ids; a terms filter, since a province oversees thousands of units.</summary>
    public static Query In(string field, IEnumerable<int> ids)
    {
        var terms = ids.Distinct().Select(id => new BytesRef(SearchDocuments.Number(id))).ToList();
        return terms.Count == 0 ? Nothing : new ConstantScoreQuery(new TermsFilter(field, terms));
    }

    public static Query All(params Query[] clauses) => Combine(Occur.MUST, clauses);

    public static Query Any(params Query[] clauses) => Combine(Occur.SHOULD, clauses);

    private static BooleanQuery Combine(Occur occur, Query[] clauses)
    {
        var query = new BooleanQuery();
        foreach (var clause in clauses) query.Add(clause, occur);
        return query;
    }
}
