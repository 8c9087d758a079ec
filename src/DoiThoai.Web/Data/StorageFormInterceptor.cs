using DoiThoai.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DoiThoai.Web.Data;

/// <summary>
/// Puts every string written to the database into Vietnamese storage form (NFC, no stray control
/// characters), whichever page, endpoint or import wrote it — so no feature can forget.
/// </summary>
public sealed class StorageFormInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Normalise(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Normalise(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Normalise(DbContext? context)
    {
        if (context is null) return;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && !VietnameseText.IsInStorageForm(text))
                    property.CurrentValue = VietnameseText.ToStorageForm(text);
            }
        }
    }
}
