using DoiThoai.Web.Features.Items;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Search;

public static class SearchApi
{
    /// <summary>A hit; <see cref="Highlights"/> are [start, length] runs of <see cref="Excerpt"/> to mark.</summary>
    public sealed record SearchHitDto(int ItemId, int SessionId, int Number, ItemStatus Status, string Excerpt, IReadOnlyList<int[]> Highlights);

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).WithTags("Search")
            .WithSummary("Tìm ý kiến, kiến nghị mà người gọi được xem, có dấu hoặc không dấu (q tối đa 500 ký tự; sessionId, topicId, status, confidentiality để lọc). Kết quả cùng dấu xếp trước.");
        return api;
    }

    private static async Task<Ok<ListResult<SearchHitDto>>> SearchAsync(
        string? q, int? page, int? pageSize, int? sessionId, int? topicId, ItemStatus? status, Confidentiality? confidentiality,
        SearchService search, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        if (SearchService.Refusal(q) is { } refusal) throw new DomainValidationException("q", refusal);
        var result = await search.SearchAsync(q, new SearchFilters(sessionId, topicId, status, confidentiality), paging, ct);
        var items = result.Hits.Select(h => new SearchHitDto(h.ItemId, h.SessionId, h.Number, h.Status, h.Excerpt,
            h.Highlights.Select(s => new[] { s.Start, s.Length }).ToList())).ToList();
        return TypedResults.Ok(new ListResult<SearchHitDto>(items, result.Total, paging.Page, paging.PageSize));
    }
}
