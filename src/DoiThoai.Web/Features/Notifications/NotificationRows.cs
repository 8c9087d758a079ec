using System.Globalization;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// Builds notification rows and the Vietnamese text in them. Notifications are written by
/// background jobs as well as by requests, so their text never depends on the reader's language:
/// it is Vietnamese, the language of the record, and dates are written the Vietnamese way.
/// </summary>
public static class NotificationRows
{
    public const int MaxTitle = 300;
    public const int MaxBody = 10_000;

    /// <summary>
    /// Whether and how a notification is emailed, from the recipient's preference: at once
    /// (Pending), in tomorrow's digest (InDigest), or not at all (no address, or email off).
    /// </summary>
    public static EmailState EmailStateFor(string? email, EmailDelivery delivery) =>
        string.IsNullOrWhiteSpace(email)
            ? EmailState.NotNeeded
            : delivery switch
            {
                EmailDelivery.Immediately => EmailState.Pending,
                EmailDelivery.DailyDigest => EmailState.InDigest,
                EmailDelivery.Off => EmailState.NotNeeded,
            };

    public static Notification New(Recipient to, NotificationKind kind, string title, string body, string? link, DateTime nowUtc,
        int? itemId = null, int? taskId = null, string? dedupKey = null)
    {
        var email = EmailStateFor(to.Email, to.Delivery);
        return new Notification
        {
            UserId = to.UserId,
            Kind = kind,
            Title = Cut(title, MaxTitle),
            Body = Cut(body, MaxBody),
            Link = link,
            ItemId = itemId,
            TaskId = taskId,
            DedupKey = dedupKey,
            CreatedAtUtc = nowUtc,
            Email = email,
            NextAttemptAtUtc = email == EmailState.Pending ? nowUtc : null,
        };
    }

    public static string ItemLink(int itemId) => $"/Items/{itemId}";

    public static string TaskLink(int taskId) => $"/Tasks/{taskId}";

    /// <summary>"27/11/2026".</summary>
    public static string Date(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Thứ Sáu, 27/11/2026", whatever the current culture.</summary>
    public static string Day(DateOnly day) => day.ToString("dddd, dd/MM/yyyy", WebUiSetup.Vietnamese);

    /// <summary>The first words of a long text, cut at a word boundary.</summary>
    public static string Excerpt(string? text, int max = 300)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max) return flat;
        var cut = flat.LastIndexOf(' ', max - 1);
        return flat[..(cut > max / 2 ? cut : max - 1)] + "…";
    }

    public static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
