using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Routing;

public static class RoutingApi
{
    public sealed record RoutingSuggestionRequest(string? Text);

    public const string NoModelMessage =
        "Chưa có mô hình gợi ý phân loại: quản trị viên cần huấn luyện ở trang Quản trị › Gợi ý phân loại (hoặc lệnh classifier train).";

    public static RouteGroupBuilder MapRoutingApi(this RouteGroupBuilder api)
    {
        api.MapPost("/items/routing-suggestion", SuggestAsync).WithTags("Items")
            .WithSummary("Gợi ý lĩnh vực và đơn vị chủ trì cho nội dung một ý kiến {text}, kèm độ tin cậy (Văn phòng, Lãnh đạo, Quản trị). " +
                "409 khi chưa huấn luyện mô hình; leadUnit là null khi chưa đủ ý kiến đã giao.");
        return api;
    }

    private static async Task<Results<Ok<RoutingSuggestion>, ProblemHttpResult>> SuggestAsync(
        RoutingSuggestionRequest? request, UserScope scope, RoutingService routing, CancellationToken ct)
    {
        if (!scope.IsSecretariat) throw new AccessDeniedException();
        var text = Check(request?.Text);
        return await routing.SuggestAsync(text, ct) is { } suggestion
            ? TypedResults.Ok(suggestion)
            : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Chưa có mô hình gợi ý.", detail: NoModelMessage);
    }

    /// <summary>The text to suggest for, refused with a field message when empty or too long.</summary>
    public static string Check(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new DomainValidationException("text", "Cần nhập nội dung ý kiến để gợi ý.");
        if (text.Length > RoutingService.MaxTextLength)
            throw new DomainValidationException("text", $"Nội dung quá dài (tối đa {RoutingService.MaxTextLength:N0} ký tự).");
        return text;
    }
}
