using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DoiThoai.Web.Features.Notifications;

/// <summary>
/// The unread count in every signed-in page's header, kept per user for
/// <c>Notifications:BadgeSeconds</c> (5 s by default; 0 turns it off) so that a page needs no query
/// for it (ADR 0020, "Page cost": it was the layout's only statement). Any notification written or
/// marked read on this node makes every kept count stale at once (<see cref="Changed"/>), so the
/// node that did it shows the new count on the next page; a change made by another node (or its
/// reminder job) shows within the window.
/// </summary>
public sealed class UnreadBadge(IConfiguration config, TimeProvider clock)
{
    private readonly TimeSpan window = TimeSpan.FromSeconds(config.GetValue("Notifications:BadgeSeconds", 5.0));
    private readonly ConcurrentDictionary<string, (int Count, long Generation, DateTimeOffset CountedAt)> counts = new();

    private long generation;

    /// <summary>Notifications were written, read or removed on this node (also after a commit, see the interceptor).</summary>
    public void Changed() => Interlocked.Increment(ref generation);

    /// <summary>The badge of the app that made <paramref name="context"/> (none for a context built by hand, e.g. by the CLI's tools).</summary>
    public static UnreadBadge? Of(DbContext? context) =>
        context?.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<UnreadBadge>();

    public async Task<int> CountAsync(string userId, AppDbContext db)
    {
        var now = clock.GetUtcNow();
        if (counts.TryGetValue(userId, out var kept) && kept.Generation == Interlocked.Read(ref generation) && now - kept.CountedAt < window)
            return kept.Count;
        // Read before counting: a change that lands while the count runs leaves it already stale.
        var before = Interlocked.Read(ref generation);
        var count = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null);
        if (window > TimeSpan.Zero) counts[userId] = (count, before, now);
        return count;
    }
}

/// <summary>Tells <see cref="UnreadBadge"/> about notifications saved through EF, and about every commit (they may be saved inside a caller's transaction).</summary>
public sealed class UnreadBadgeInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => UnreadBadge.Of(eventData.Context)?.Changed();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        UnreadBadge.Of(eventData.Context)?.Changed();
        return Task.CompletedTask;
    }

    // Before the save and again after it: a count read in between is not kept past the save.
    private static void Before(DbContext? context)
    {
        if (context is null || !context.ChangeTracker.Entries<Notification>().Any(e => e.State is not (EntityState.Unchanged or EntityState.Detached))) return;
        Saving.AddOrUpdate(context, context);
        UnreadBadge.Of(context)?.Changed();
    }

    private static void After(DbContext? context)
    {
        if (context is not null && Saving.Remove(context)) UnreadBadge.Of(context)?.Changed();
    }
}

public static class NotificationReading
{
    /// <summary>Marks the unread ones among <paramref name="which"/> of the user's notifications read now, in one statement, and tells <see cref="UnreadBadge"/>.</summary>
    public static async Task<int> MarkReadAsync(this AppDbContext db, Expression<Func<Notification, bool>> which, DateTime nowUtc)
    {
        var marked = await db.Notifications.Where(which).Where(n => n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, nowUtc));
        UnreadBadge.Of(db)?.Changed();
        return marked;
    }
}
