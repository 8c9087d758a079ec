namespace DoiThoai.Web.Features.Items;

/// <summary>
/// An item as lists show it: a projection with the first part of the text only, so that a list of
/// fifty items never reads fifty texts of up to 10,000 characters.
/// </summary>
public sealed record ItemListRow(
    int Id,
    int SessionId,
    DateTime SessionStartsAtUtc,
    int Number,
    ItemKind Kind,
    string? Speaker,
    string? Unit,
    string? Topic,
    string? TopicEn,
    string TextStart,
    bool TextIsLonger,
    ItemStatus Status,
    Confidentiality Confidentiality,
    int HostUnitId,
    int? RaisedByPersonId)
{
    /// <summary>Characters read from the database; the list shows them cut at a word.</summary>
    public const int ExcerptLength = 160;

    /// <summary>
    /// The caller filters, orders and pages the items; the rows keep that order. The speaker's name
    /// is left out of the rows the caller may not see it on (<see cref="ItemCaller.MaySeeSpeaker(int, int?)"/>).
    /// </summary>
    public static async Task<IReadOnlyList<ItemListRow>> ListAsync(IQueryable<Item> orderedItems, ItemCaller caller) =>
        (await Query(orderedItems).ToListAsync())
            .Select(r => caller.MaySeeSpeaker(r.HostUnitId, r.RaisedByPersonId) ? r : r with { Speaker = null })
            .ToList();

    private static IQueryable<ItemListRow> Query(IQueryable<Item> orderedItems) =>
        orderedItems.Select(i => new ItemListRow(
            i.Id,
            i.SessionId,
            i.Session!.StartsAtUtc,
            i.Number,
            i.Kind,
            i.RaisedByPerson != null ? i.RaisedByPerson.FullName : i.SpeakerName,
            i.OnBehalfOfUnit != null ? i.OnBehalfOfUnit.Name : null,
            i.Topic != null ? i.Topic.Name : null,
            i.Topic != null ? i.Topic.NameEn : null,
            i.Text.Length > ExcerptLength ? i.Text.Substring(0, ExcerptLength) : i.Text,
            i.Text.Length > ExcerptLength,
            i.Status,
            i.Confidentiality,
            i.Session.HostUnitId,
            i.RaisedByPersonId));

    /// <summary>The start of the text, cut after the last whole word, with an ellipsis when there is more.</summary>
    public string Excerpt => ExcerptOf(TextStart, TextIsLonger);

    /// <summary>The first <see cref="ExcerptLength"/> characters as read from the database, cut at a word.</summary>
    public static string ExcerptOf(string textStart, bool textIsLonger)
    {
        if (!textIsLonger) return textStart;
        var lastSpace = textStart.LastIndexOf(' ');
        return (lastSpace > ExcerptLength / 2 ? textStart[..lastSpace] : textStart).TrimEnd(' ', ',', ';', ':') + "…";
    }
}

/// <summary>What the item table partial shows: the rows, and whether to add the session's date.</summary>
public sealed record ItemTable(IReadOnlyList<ItemListRow> Rows, bool ShowSession);
