using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DoiThoai.Web.Features.Notifications;

public static class NotificationsApi
{
    public sealed record NotificationDto(
        long Id, NotificationKind Kind, string Title, string Body, string? Link, int? ItemId, int? TaskId,
        DateTimeOffset CreatedAt, bool Read, DateTimeOffset? ReadAt, EmailState Email);

    public sealed record UnreadCount(int Count);

    public sealed record MarkedRead(int Marked);

    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("", ListAsync)
            .WithSummary("Thông báo của người gọi, mới nhất trước; unread=true chỉ lấy thông báo chưa đọc.");
        group.MapGet("/unread-count", UnreadCountAsync)
            .WithSummary("Số thông báo chưa đọc của người gọi.");
        group.MapPost("/{id:long}/read", ReadAsync)
            .WithSummary("Đánh dấu một thông báo của người gọi là đã đọc (gọi lại không đổi gì).");
        group.MapPost("/read-all", ReadAllAsync)
            .WithSummary("Đánh dấu mọi thông báo chưa đọc của người gọi là đã đọc.");
        return api;
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new AccessDeniedException();

    private static async Task<Ok<ListResult<NotificationDto>>> ListAsync(int? page, int? pageSize, bool? unread, ClaimsPrincipal user, AppDbContext db)
    {
        var paging = Paging.From(page, pageSize);
        var userId = UserId(user);
        var query = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        if (unread == true) query = query.Where(n => n.ReadAtUtc == null);
        var total = await query.CountAsync();
        var rows = await query.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(paging.Skip).Take(paging.PageSize).ToListAsync();
        return TypedResults.Ok(new ListResult<NotificationDto>(rows.Select(ToDto).ToList(), total, paging.Page, paging.PageSize));
    }

    private static async Task<Ok<UnreadCount>> UnreadCountAsync(ClaimsPrincipal user, AppDbContext db)
    {
        var userId = UserId(user);
        return TypedResults.Ok(new UnreadCount(await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null)));
    }

    /// <summary>Another user's notification answers 404, like one that does not exist.</summary>
    private static async Task<Ok<NotificationDto>> ReadAsync(long id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock)
    {
        var userId = UserId(user);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.MarkReadAsync(n => n.Id == id && n.UserId == userId, now);
        var row = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == id && n.UserId == userId)
            ?? throw new NotFoundException("Không tìm thấy thông báo.");
        return TypedResults.Ok(ToDto(row));
    }

    private static async Task<Ok<MarkedRead>> ReadAllAsync(ClaimsPrincipal user, AppDbContext db, TimeProvider clock)
    {
        var userId = UserId(user);
        var now = clock.GetUtcNow().UtcDateTime;
        var marked = await db.MarkReadAsync(n => n.UserId == userId, now);
        return TypedResults.Ok(new MarkedRead(marked));
    }

    private static NotificationDto ToDto(Notification n) => new(
        n.Id, n.Kind, n.Title, n.Body, n.Link, n.ItemId, n.TaskId, ApiDates.ToVietnamOffset(n.CreatedAtUtc),
        n.ReadAtUtc is not null, n.ReadAtUtc is { } read ? ApiDates.ToVietnamOffset(read) : null, n.Email);
}
