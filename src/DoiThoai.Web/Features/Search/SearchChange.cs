using System.Data.Common;
using System.Runtime.CompilerServices;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// One row per saved change to something searchable, written in the same transaction as the data
/// (by <see cref="SearchChangeInterceptor"/>). Every node's <see cref="SearchIndex"/> replays the
/// rows after the last one it applied, so the database stays the only source of truth.
/// An item row re-indexes the item and its answer; a session row re-indexes everything of the
/// session (its items, answers and conclusions), whose host, date, term or status are fields of them all.
/// </summary>
public sealed class SearchChange
{
    public long Id { get; private set; }
    public int? ItemId { get; private set; }
    public int? SessionId { get; private set; }
    /// <summary>A portal article (added by the Portal migration): re-indexed or dropped as its publication changes.</summary>
    public int? ArticleId { get; private set; }
    public DateTime AtUtc { get; private set; }

    // The navigations are only there so that EF fills the id of an item or session added in the
    // same SaveChanges and writes it before its change row.
    internal Item? Item { get; private set; }
    internal DialogueSession? Session { get; private set; }
    internal Portal.Article? Article { get; private set; }

    private SearchChange() { }

    internal static SearchChange For(Item item, DateTime atUtc) => new() { Item = item, AtUtc = atUtc };

    internal static SearchChange ForItem(int itemId, DateTime atUtc) => new() { ItemId = itemId, AtUtc = atUtc };

    internal static SearchChange For(DialogueSession session, DateTime atUtc) => new() { Session = session, AtUtc = atUtc };

    internal static SearchChange ForSession(int sessionId, DateTime atUtc) => new() { SessionId = sessionId, AtUtc = atUtc };

    internal static SearchChange For(Portal.Article article, DateTime atUtc) => new() { Article = article, AtUtc = atUtc };
}

internal sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(EntityTypeBuilder<SearchChange> b)
    {
        b.ToTable("SearchChanges");
        b.HasOne(c => c.Item).WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Session).WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(c => c.Article).WithMany().HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Adds a <see cref="SearchChange"/> for every saved change that alters what search shows or who
/// may see it — item text, status, answer, confidentiality and assignments; a session's host,
/// participants, term, date and status; conclusions — so the change log commits or rolls back
/// together with the data, whichever page, endpoint or import saved it.
/// </summary>
public sealed class SearchChangeInterceptor : SaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>Session properties that are fields of every document of the session.</summary>
    private static readonly string[] IndexedSessionProperties =
    [
        nameof(DialogueSession.HostUnitId), nameof(DialogueSession.ParticipantUnitId), nameof(DialogueSession.TermId),
        nameof(DialogueSession.StartsAtUtc), nameof(DialogueSession.Status),
    ];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    /// <summary>
    /// How many saves in this process have committed change-log rows. A search catches up before it
    /// runs only when this moved since its index last did (<see cref="SearchIndex.CatchUpWithLocalWritesAsync"/>),
    /// so the node that wrote sees its change at once while reads cost no change-log query; other
    /// processes' writes arrive through <see cref="SearchCatchUpWorker"/>.
    /// </summary>
    public static long LocalWrites => Interlocked.Read(ref localWrites);

    private static long localWrites;

    /// <summary>For writers that commit change-log rows without SaveChanges (the bulk import).</summary>
    public static void NoteLocalWrite() => Interlocked.Increment(ref localWrites);
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } context) Pending.Remove(context);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    // SaveChanges inside a caller's transaction is committed later: it is counted again at the commit,
    // so a search that ran in between (and saw nothing yet) does not leave the writer behind.
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => NoteLocalWrite();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NoteLocalWrite();
        return Task.CompletedTask;
    }

    private static void Saved(DbContext? context)
    {
        if (context is not null && Pending.Remove(context)) NoteLocalWrite();
    }

    private static bool Changed(EntityEntry e) => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted;

    private static void Record(DbContext? context)
    {
        if (context is null) return;
        var tracker = context.ChangeTracker;
        // One scan for changes instead of one per Entries() call below (bulk imports save thousands of rows).
        tracker.DetectChanges();
        var autoDetect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            Record(context, tracker);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void Record(DbContext context, ChangeTracker tracker)
    {
        var items = tracker.Entries<Item>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToHashSet();
        var itemIds = new HashSet<int>();

        // Assignments decide which handlers read an item; co-operating units hang off the assignment.
        var assignments = tracker.Entries<Assignment>().Where(Changed).Select(e => e.Entity).ToList();
        var assignmentsById = tracker.Entries<Assignment>().Select(e => e.Entity).Where(a => a.Id != 0).ToDictionary(a => a.Id);
        foreach (var co in tracker.Entries<AssignmentCoUnit>().Where(Changed))
            if (assignmentsById.TryGetValue(co.Entity.AssignmentId, out var owner)) assignments.Add(owner);
        if (assignments.Count > 0)
        {
            var itemOf = tracker.Entries<Item>().SelectMany(e => e.Entity.Assignments.Select(a => (Assignment: a, Item: e.Entity)))
                .ToDictionary(p => p.Assignment, p => p.Item);
            foreach (var assignment in assignments)
            {
                if (itemOf.TryGetValue(assignment, out var owner)) items.Add(owner);
                else if (assignment.ItemId > 0) itemIds.Add(assignment.ItemId);
            }
        }

        var sessions = tracker.Entries<DialogueSession>()
            .Where(e => e.State == EntityState.Modified && IndexedSessionProperties.Any(p => e.Property(p).IsModified))
            .Select(e => e.Entity).ToHashSet();
        var sessionIds = new HashSet<int>();
        var conclusions = tracker.Entries<Conclusion>().Where(Changed).Select(e => e.Entity).ToList();
        if (conclusions.Count > 0)
        {
            var sessionOf = tracker.Entries<DialogueSession>().SelectMany(e => e.Entity.Conclusions.Select(c => (Conclusion: c, Session: e.Entity)))
                .ToDictionary(p => p.Conclusion, p => p.Session);
            foreach (var conclusion in conclusions)
            {
                if (sessionOf.TryGetValue(conclusion, out var owner)) sessions.Add(owner);
                else if (conclusion.SessionId > 0) sessionIds.Add(conclusion.SessionId);
            }
        }

        // An article's text or publication changed: its document is rewritten, or dropped when it is no longer published.
        var articles = tracker.Entries<Portal.Article>().Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity).ToList();

        if (items.Count + itemIds.Count + sessions.Count + sessionIds.Count + articles.Count == 0) return;
        Pending.AddOrUpdate(context, context);
        var now = DateTime.UtcNow;
        foreach (var item in items) context.Add(SearchChange.For(item, now));
        itemIds.ExceptWith(items.Select(i => i.Id));
        foreach (var id in itemIds) context.Add(SearchChange.ForItem(id, now));
        foreach (var session in sessions) context.Add(SearchChange.For(session, now));
        sessionIds.ExceptWith(sessions.Select(s => s.Id));
        foreach (var id in sessionIds) context.Add(SearchChange.ForSession(id, now));
        foreach (var article in articles) context.Add(SearchChange.For(article, now));
    }
}
