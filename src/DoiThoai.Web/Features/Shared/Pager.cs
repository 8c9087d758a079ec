using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace DoiThoai.Web.Features.Shared;

/// <summary>
/// One page of a list and the links to the others. Links keep every filter of the current address
/// and change only the page number, so paging never loses what the user filtered by.
/// </summary>
public sealed class Pager
{
    private readonly string path;
    private readonly Dictionary<string, StringValues> query;

    private Pager(string path, Dictionary<string, StringValues> query, int page, int pageSize, int total)
    {
        this.path = path;
        this.query = query;
        PageSize = pageSize;
        Total = total;
        PageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        // A page past the end (a bookmark from when the list was longer) shows the last page.
        Page = Math.Clamp(page, 1, PageCount);
    }

    /// <summary>
    /// The query parameter of the page number. Not "page": Razor Pages keeps the page's own name
    /// under that route key, and route values win over the query string when binding.
    /// </summary>
    public const string QueryName = "p";

    public int Page { get; }
    public int PageSize { get; }
    public int Total { get; }
    public int PageCount { get; }
    public int Skip => (Page - 1) * PageSize;
    public int FirstRow => Total == 0 ? 0 : Skip + 1;
    public int LastRow => Math.Min(Total, Skip + PageSize);

    public static Pager For(HttpRequest request, int requestedPage, int pageSize, int total) =>
        new(request.PathBase + request.Path,
            request.Query.Where(q => !string.Equals(q.Key, QueryName, StringComparison.OrdinalIgnoreCase)).ToDictionary(),
            requestedPage, pageSize, total);

    public string UrlFor(int page)
    {
        var values = new Dictionary<string, StringValues>(query);
        if (page > 1) values[QueryName] = page.ToString(CultureInfo.InvariantCulture);
        return path + QueryString.Create(values);
    }
}
