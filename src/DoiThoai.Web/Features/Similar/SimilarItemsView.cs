namespace DoiThoai.Web.Features.Similar;

/// <summary>What the similar-items list on an item form shows: nothing yet, a reason, or the items found.</summary>
public sealed record SimilarItemsView(IReadOnlyList<SimilarItem>? Items, string? Message)
{
    public static readonly SimilarItemsView None = new(null, null);

    /// <summary>The header similar-items.js sends when it wants the list alone, not the whole page.</summary>
    public const string ListOnlyHeader = "X-Similar-List";

    public static bool WantsListOnly(HttpRequest request) => request.Headers.ContainsKey(ListOnlyHeader);

    public static async Task<SimilarItemsView> FindAsync(SimilarItems similar, string? text, int? excludeItemId, CancellationToken ct) =>
        SimilarItems.Refusal(text) is { } refusal
            ? new SimilarItemsView(null, refusal)
            : new SimilarItemsView(await similar.FindAsync(text, excludeItemId, ct: ct), null);
}
