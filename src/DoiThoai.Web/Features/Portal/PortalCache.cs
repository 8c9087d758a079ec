using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// The public pages are output-cached (policy <see cref="Policy"/>, tag <see cref="Tag"/>). Two
/// things keep them right (docs/decisions/0011):
/// the entry key contains a publication version read from the database — the newest article change,
/// how many articles are visible now (a scheduled one appearing changes it) and the last search-change
/// row (items, answers, sessions) — so every app node serves the new page on its next request; and
/// a save on this node evicts the tag at once, freeing the stale entries.
/// </summary>
public sealed class PortalCache(IOutputCacheStore store, PortalCache.VersionMemo memo)
{
    /// <summary>Seconds a node reuses the publication version before reading it again (0: every request).</summary>
    public const string VersionSecondsKey = "Portal:VersionSeconds";

    public const string Policy = "portal";
    public const string Tag = "portal";
    /// <summary>Cookie holding the reader's contrast and text-size choice ("contrast:large").</summary>
    public const string ViewCookie = "portal.view";

    public async Task EvictAsync()
    {
        memo.Clear();
        await store.EvictByTagAsync(Tag, default);
    }

    /// <summary>
    /// The publication version as this node last read it. Five small queries per cached page cost
    /// ten times the page itself (benchmarks.md, issue 7): a node reads them at most once per
    /// <see cref="VersionSecondsKey"/> (1 s by default), so another node's change shows within that
    /// second, and this node's own saves clear it at once.
    /// </summary>
    public sealed class VersionMemo(IConfiguration config)
    {
        private readonly long lifetimeMs = (long)(config.GetValue(VersionSecondsKey, 1.0) * 1000);
        // A reference, swapped whole: requests on other threads read either the old pair or the new one.
        private Entry? last;

        public async ValueTask<string> GetAsync(Func<ValueTask<string>> read)
        {
            var now = Environment.TickCount64;
            if (last is { } known && now - known.ReadAt < lifetimeMs) return known.Value;
            var value = await read();
            last = new Entry(value, now);
            return value;
        }

        private sealed record Entry(string Value, long ReadAt);

        public void Clear() => last = null;
    }

    /// <summary>The part of the cache key that changes when what readers may see changes.</summary>
    public static async ValueTask<KeyValuePair<string, string>> VaryAsync(HttpContext context, CancellationToken ct)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var published = await context.RequestServices.GetRequiredService<VersionMemo>().GetAsync(async () =>
        {
            var db = context.RequestServices.GetRequiredService<AppDbContext>();
            var changed = await db.Articles.MaxAsync(a => (DateTime?)a.UpdatedAtUtc, ct);
            var visible = await PublicRecords.Articles(db, now).CountAsync(ct);
            var lastChange = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct);
            // The document library: a new document raises the newest id, a withdrawn one lowers the count.
            var documents = await db.PortalDocuments.Where(d => d.IsPublic).CountAsync(ct) + ":" + await db.PortalDocuments.MaxAsync(d => (int?)d.Id, ct);
            return string.Join('|', changed?.Ticks.ToString(CultureInfo.InvariantCulture), visible.ToString(CultureInfo.InvariantCulture),
                lastChange?.ToString(CultureInfo.InvariantCulture), documents);
        });
        var today = VietnamTime.Today(now);
        var view = context.Request.Cookies[ViewCookie] ?? "";
        var value = string.Join('|', published, today.DayNumber.ToString(CultureInfo.InvariantCulture), CultureInfo.CurrentUICulture.Name, view);
        return new KeyValuePair<string, string>("portal", value);
    }
}
