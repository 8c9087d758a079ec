namespace DoiThoai.Web.Features.Admin;

/// <summary>
/// Paging of an administration list. Unlike the API (which refuses a bad page number), a page
/// typed into the address bar is brought into range: the reader wants a list, not an error.
/// </summary>
public sealed record PageInfo(int Page, int PageSize, int Total)
{
    public const int DefaultPageSize = 25;

    /// <summary>The query parameter of the page number. Not "page": Razor Pages keeps the page's own name under that route key.</summary>
    public const string QueryName = "p";

    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int Skip => (Page - 1) * PageSize;
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;

    public static PageInfo For(int? page, int total, int pageSize = DefaultPageSize)
    {
        var count = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new PageInfo(Math.Clamp(page ?? 1, 1, count), pageSize, total);
    }
}
