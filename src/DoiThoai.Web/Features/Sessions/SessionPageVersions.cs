using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>
/// A named number that changes whenever a kind of shared data changes. One row for now,
/// <see cref="Reference"/>: the names every session page shows from other tables (people, units,
/// topics, terms), which may change for thousands of sessions at once (ADR 0023).
/// </summary>
public sealed class DataVersion
{
    public const string Reference = "reference";

    public string Name { get; private set; } = "";
    public long Value { get; private set; }

    private DataVersion() { }

    internal static DataVersion Seed(string name) => new() { Name = name };
}

internal sealed class DataVersionConfiguration : IEntityTypeConfiguration<DataVersion>
{
    public void Configure(EntityTypeBuilder<DataVersion> e)
    {
        e.ToTable("DataVersions");
        e.HasKey(v => v.Name);
        e.Property(v => v.Name).HasMaxLength(64);
        e.HasData(new { Name = DataVersion.Reference, Value = 0L });
    }
}

/// <summary>
/// Which sessions' pages a save changes, and their new <see cref="DialogueSession.PageVersion"/>
/// written in the same transaction as the change (ADR 0023). <see cref="AppDbContext"/> collects the
/// changed rows before every SaveChanges and writes the versions after it, inside one transaction;
/// writers that bypass SaveChanges (the bulk item import, bulk updates of names) call
/// <see cref="WriteAsync(AppDbContext, IReadOnlyCollection{int}, bool, CancellationToken)"/> themselves.
/// The new value is random rather than one more than the old: equal versions then mean the same
/// saved data even across a restored backup, and two writers need not read each other's number.
/// </summary>
public sealed class SessionPageVersions
{
    /// <summary>Rows of a session that its page shows (besides the session row itself).</summary>
    public static readonly IReadOnlySet<Type> PageRows = new HashSet<Type>
    {
        typeof(Item), typeof(SessionChair), typeof(Conclusion), typeof(FollowUpTask), typeof(HistoryEntry),
    };

    /// <summary>Rows that point at a session but are not on its page (a test keeps the two lists complete).</summary>
    public static readonly IReadOnlySet<Type> NotOnThePage = new HashSet<Type>
    {
        typeof(Search.SearchChange), typeof(Portal.Article), typeof(Items.Import.ImportJob),
    };

    /// <summary>Shared rows whose names session pages show: a change to one of them changes <see cref="DataVersion.Reference"/>.</summary>
    public static readonly IReadOnlySet<Type> ReferenceRows = new HashSet<Type>
    {
        typeof(Person), typeof(OrgUnit), typeof(Topic), typeof(Term),
    };

    private readonly List<object> changed = [];
    private bool reference;

    private SessionPageVersions() { }

    /// <summary>What the pending changes touch, or null when no session page shows any of them.</summary>
    public static SessionPageVersions? Of(ChangeTracker tracker)
    {
        SessionPageVersions? found = null;
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            var type = entry.Metadata.ClrType;
            if (type == typeof(DialogueSession) ? entry.State == EntityState.Modified : PageRows.Contains(type))
                (found ??= new()).changed.Add(entry.Entity);
            // A new person or unit is on no page yet; a renamed or removed one may be on many.
            else if (ReferenceRows.Contains(type) && entry.State != EntityState.Added)
                (found ??= new()).reference = true;
        }
        return found;
    }

    // Read after the save: the ids of rows added in it are known only then.
    private List<int> SessionIds() => changed.Select(e => e switch
    {
        DialogueSession s => s.Id,
        Item i => i.SessionId,
        SessionChair c => c.SessionId,
        Conclusion c => c.SessionId,
        FollowUpTask t => t.SessionId,
        HistoryEntry h => h.SessionId ?? 0,
        _ => 0,
    }).Where(id => id > 0).Distinct().Order().ToList();

    public Task WriteAsync(AppDbContext db, CancellationToken ct) => WriteAsync(db, SessionIds(), reference, ct);

    public void Write(AppDbContext db)
    {
        var ids = SessionIds();
        if (ids.Count > 0)
            db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdate(s => s.SetProperty(x => x.PageVersion, Random.Shared.NextInt64()));
        if (reference)
            db.DataVersions.Where(v => v.Name == DataVersion.Reference).ExecuteUpdate(s => s.SetProperty(v => v.Value, Random.Shared.NextInt64()));
    }

    /// <summary>New page versions for <paramref name="sessionIds"/> (and the shared names when <paramref name="reference"/>), in the caller's transaction.</summary>
    public static async Task WriteAsync(AppDbContext db, IReadOnlyCollection<int> sessionIds, bool reference, CancellationToken ct)
    {
        if (sessionIds.Count > 0)
        {
            var ids = sessionIds.ToList();
            await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.PageVersion, Random.Shared.NextInt64()), ct);
        }
        if (reference)
            await db.DataVersions.Where(v => v.Name == DataVersion.Reference).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, Random.Shared.NextInt64()), ct);
    }
}
