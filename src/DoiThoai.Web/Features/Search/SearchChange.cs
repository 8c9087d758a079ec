using DoiThoai.Web.Features.Items;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// One row per saved change to something searchable, written in the same transaction as the data
/// (by <see cref="SearchChangeInterceptor"/>). Every node's <see cref="SearchIndex"/> replays the
/// rows after the last one it applied, so the database stays the only source of truth.
/// </summary>
public sealed class SearchChange
{
    public const string ItemType = "Item";

    public long Id { get; private set; }
    public string EntityType { get; private set; } = ItemType;
    public int EntityId { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>
    /// Only so that EF fills <see cref="EntityId"/> with the id a new item gets on insert and writes
    /// the item before its change row, within the one SaveChanges.
    /// </summary>
    internal Item? Item { get; private set; }

    private SearchChange() { }

    internal static SearchChange For(Item item, DateTime atUtc) =>
        new() { EntityType = ItemType, Item = item, AtUtc = atUtc };
}

internal sealed class SearchChangeConfiguration : IEntityTypeConfiguration<SearchChange>
{
    public void Configure(EntityTypeBuilder<SearchChange> b)
    {
        b.ToTable("SearchChanges");
        b.Property(c => c.EntityType).HasMaxLength(32);
        b.HasOne(c => c.Item).WithMany().HasForeignKey(c => c.EntityId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Adds a <see cref="SearchChange"/> for every item added or modified in a SaveChanges, so the
/// change log commits or rolls back together with the data — whichever page, endpoint or import saved it.
/// </summary>
public sealed class SearchChangeInterceptor : SaveChangesInterceptor
{
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

    private static void Record(DbContext? context)
    {
        if (context is null) return;
        var changed = context.ChangeTracker.Entries<Item>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .Select(e => e.Entity)
            .ToList();
        if (changed.Count == 0) return;
        var now = DateTime.UtcNow;
        foreach (var item in changed) context.Add(SearchChange.For(item, now));
    }
}
