using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// What anonymous readers may see, written once for the public pages, the session draft, feeds and
/// search: published articles whose time has come; items marked public from sessions that have been
/// held (not complaints sent down another track, not merged copies); and an item's answer only when it
/// was given at the session or published after approval.
/// </summary>
public static class PublicRecords
{
    private static readonly SessionStatus[] HeldStatuses =
        [SessionStatus.Held, SessionStatus.MinutesDone, SessionStatus.ConclusionsIssued, SessionStatus.FollowingUp, SessionStatus.Closed];

    private static readonly ItemStatus[] HiddenStatuses = [ItemStatus.Merged, ItemStatus.Redirected, ItemStatus.Returned];

    public static IQueryable<Article> Articles(AppDbContext db, DateTime nowUtc) =>
        db.Articles.Where(a => a.Status == ArticleStatus.Published && a.PublishAtUtc <= nowUtc);

    public static IQueryable<DialogueSession> Sessions(AppDbContext db) =>
        db.Sessions.Where(s => HeldStatuses.Contains(s.Status));

    public static IQueryable<Item> Items(AppDbContext db) =>
        db.Items.Where(i => i.Confidentiality == Confidentiality.Public && !HiddenStatuses.Contains(i.Status)
            && HeldStatuses.Contains(i.Session!.Status));

    /// <summary>The answer a reader may see, or null.</summary>
    public static string? PublicAnswer(Item item) => PublicAnswer(item.Status, item.PublishedAtUtc, item.Answer);

    public static string? PublicAnswer(ItemStatus status, DateTime? publishedAtUtc, string? answer) =>
        status == ItemStatus.AnsweredAtSession || publishedAtUtc is not null ? answer : null;

    /// <summary>The conclusions are public once issued.</summary>
    public static bool ConclusionsArePublic(DialogueSession session) => session.ConclusionsAreIssued;
}
