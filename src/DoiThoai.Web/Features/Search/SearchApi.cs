using System.Text.Json;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Search;

public static class SearchApi
{
    /// <summary>
    /// A hit of kind item, answer (<see cref="ItemId"/> is the answered item) or conclusion (<see cref="Id"/>
    /// is the conclusion's, <see cref="Number"/> its order); <see cref="Highlights"/> are [start, length]
    /// runs of <see cref="Excerpt"/> to mark; <see cref="Url"/> is the page that shows it.
    /// </summary>
    public sealed record SearchHitDto(string Kind, int Id, int? ItemId, int SessionId, int Number, ItemStatus? Status, string? AnsweredBy,
        string Url, string Excerpt, IReadOnlyList<int[]> Highlights);

    public static RouteGroupBuilder MapSearchApi(this RouteGroupBuilder api)
    {
        api.MapGet("/search", SearchAsync).WithTags("Search").RequireRateLimiting(RateLimits.Search)
            .WithSummary("Tìm ý kiến, kiến nghị, câu trả lời và kết luận mà người gọi được xem, có dấu hoặc không dấu (q tối đa 500 ký tự). "
                + "Lọc: unitId (đơn vị chủ trì hội nghị, gồm cả đơn vị trực thuộc), termId, topicId, status, confidentiality, sessionId, "
                + "from/to (ngày hội nghị, yyyy-MM-dd), kind (item, answer, conclusion). Kết quả cùng dấu xếp trước.");
        return api;
    }

    private static async Task<Ok<ListResult<SearchHitDto>>> SearchAsync(
        string? q, int? page, int? pageSize, int? sessionId, int? topicId, string? status, string? confidentiality,
        int? unitId, int? termId, string? from, string? to, string? kind,
        SearchService search, CancellationToken ct)
    {
        var paging = Paging.From(page, pageSize);
        if (SearchService.Refusal(q) is { } refusal) throw new DomainValidationException("q", refusal);
        var filters = new SearchFilters(sessionId, topicId, Choice<ItemStatus>(status, "status"), Choice<Confidentiality>(confidentiality, "confidentiality"), unitId, termId,
            FormValues.Date(from, "from"), FormValues.Date(to, "to"), string.IsNullOrWhiteSpace(kind) ? null : kind.Trim().ToLowerInvariant());
        if (SearchService.FilterRefusal(filters) is { } bad) throw new DomainValidationException(bad.Field, bad.Message);
        var result = await search.SearchAsync(q, filters, paging, ct);
        var items = result.Hits.Select(h => new SearchHitDto(h.Kind, h.Id, h.ItemId, h.SessionId, h.Number, h.Status, h.AnsweredBy, h.Url, h.Excerpt,
            h.Highlights.Select(s => new[] { s.Start, s.Length }).ToList())).ToList();
        return TypedResults.Ok(new ListResult<SearchHitDto>(items, result.Total, paging.Page, paging.PageSize));
    }

    /// <summary>An enum value as the JSON writes it ("received") or by its name, with a Vietnamese message otherwise.</summary>
    private static TEnum? Choice<TEnum>(string? value, string field) where TEnum : struct, Enum =>
        string.IsNullOrWhiteSpace(value) ? null
        : Enum.TryParse<TEnum>(value.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
        : throw new DomainValidationException(field, $"Giá trị \"{value}\" không hợp lệ; chọn một trong: {string.Join(", ", Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
}
