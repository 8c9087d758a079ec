namespace DoiThoai.Web.Features.History;

/// <summary>A history entry as the API shows it; states are camelCase like everywhere in the API.</summary>
public sealed record HistoryDto(DateTimeOffset At, string Actor, string Action, string? From, string? To, string? Note)
{
    public static HistoryDto Of(HistoryEntry h) => new(
        ApiDates.ToVietnamOffset(h.AtUtc), h.ActorName, h.Action,
        h.FromState is null ? null : JsonNames.Camel(h.FromState),
        h.ToState is null ? null : JsonNames.Camel(h.ToState), h.Note);
}
