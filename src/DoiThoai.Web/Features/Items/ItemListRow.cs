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
    Confidentiality Confidentiality)
{
    /// <summary>Characters read from the database; the list shows them cut at a word.</summary>
    public const int ExcerptLength = 160;

    /// <summary>The caller filters, orders and pages the items; the projection keeps that order.</summary>
    public static IQueryable<ItemListRow> Query(IQueryable<Item> orderedItems) =>
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
            i.Confidentiality));

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
