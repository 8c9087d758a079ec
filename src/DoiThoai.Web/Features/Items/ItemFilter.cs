using System.Text;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// The filters of the items list, applied to the items the reader may read: the list page, its
/// .xlsx download and the API's items.xlsx filter alike.
/// </summary>
public sealed record ItemFilter(int? SessionId, ItemStatus? Status, int? TopicId, Confidentiality? Confidentiality, string? Q)
{
    public bool IsEmpty => SessionId is null && Status is null && TopicId is null && Confidentiality is null && string.IsNullOrWhiteSpace(Q);

    public IQueryable<Item> Apply(IQueryable<Item> items)
    {
        if (SessionId is { } sessionId) items = items.Where(i => i.SessionId == sessionId);
        if (Status is { } status) items = items.Where(i => i.Status == status);
        if (TopicId is { } topicId) items = items.Where(i => i.TopicId == topicId);
        if (Confidentiality is { } confidentiality) items = items.Where(i => i.Confidentiality == confidentiality);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            // A plain "contains" over NFC text (SQLite's lower() folds ASCII letters only); search
            // with tone- and fold-keys is the Search feature's.
            var text = Q.Trim().Normalize(NormalizationForm.FormC).ToLower(WebUiSetup.Vietnamese);
            items = items.Where(i => i.Text.ToLower().Contains(text));
        }
        return items;
    }

    /// <summary>The list's order: newest session first, then by number.</summary>
    public static IQueryable<Item> Ordered(IQueryable<Item> items) =>
        items.OrderByDescending(i => i.Session!.StartsAtUtc).ThenBy(i => i.SessionId).ThenBy(i => i.Number);
}
