using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Similar;

public static class SimilarApi
{
    public sealed record SimilarRequest(string? Text, int? ExcludeItemId, int? Max);

    /// <summary><see cref="Stage"/> is "near-copy" or "reworded"; <see cref="Score"/> the similarity (0–1) of that stage.</summary>
    public sealed record SimilarItemDto(
        int ItemId, int SessionId, string SessionTitle, DateOnly SessionDate, int Number, ItemStatus Status,
        string Stage, double Score, string Excerpt, string? AnswerExcerpt);

    public static string StageName(SimilarStage stage) => stage == SimilarStage.NearCopy ? "near-copy" : "reworded";

    public static RouteGroupBuilder MapSimilarApi(this RouteGroupBuilder api)
    {
        api.MapPost("/items/similar", FindAsync).WithTags("Items").RequireRateLimiting(RateLimits.Similar)
            .WithSummary("Ý kiến đã có với nội dung giống hoặc gần giống (text tối đa 10.000 ký tự; excludeItemId; max 1–50, mặc định 10), " +
                "chỉ trong phạm vi người gọi được xem: near-copy (gần như chép lại) trước, rồi reworded (diễn đạt lại).");
        return api;
    }

    private static async Task<Ok<IReadOnlyList<SimilarItemDto>>> FindAsync(SimilarRequest request, SimilarItems similar, CancellationToken ct)
    {
        if (SimilarItems.Refusal(request.Text) is { } refusal) throw new DomainValidationException("text", refusal);
        if (request.Max is < 1 or > SimilarItems.MaxResults)
            throw new DomainValidationException("max", $"max phải từ 1 đến {SimilarItems.MaxResults}.");
        var found = await similar.FindAsync(request.Text, request.ExcludeItemId, request.Max ?? SimilarItems.DefaultMax, ct);
        IReadOnlyList<SimilarItemDto> items = found.Select(s => new SimilarItemDto(
            s.ItemId, s.SessionId, s.SessionTitle, VietnamTime.DateOf(s.SessionStartsAtUtc), s.Number, s.Status,
            StageName(s.Stage), s.Score, s.Excerpt, s.AnswerExcerpt)).ToList();
        return TypedResults.Ok(items);
    }
}
