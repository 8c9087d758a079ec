using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Encodings.Web;
using DoiThoai.Web.Infrastructure;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Caching.Memory;

namespace DoiThoai.Web.Features.Sessions;

/// <summary>What the session page shows from the database: the session, its history, items and follow-up tasks.</summary>
public sealed record SessionPageData(
    DialogueSession Session,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlyList<ItemListRow> Items,
    IReadOnlyList<TaskRow> Tasks,
    IReadOnlyList<Conclusion> ConclusionsWithoutTask);

/// <summary>
/// The session page's data as the people who run the session see it — the host committee's office
/// and leaders, and administrators: every item, every speaker's name, every task — kept per session
/// on this node with the page version it was read at (ADR 0023). Each request still reads the
/// version (one small statement), so a change saved on any node shows on the next page; only the
/// five reads of the session, its history, items and tasks are saved. Everybody else's page depends
/// on who they are (confidentiality, assignments, their own items) and is read every time.
/// </summary>
public sealed class SessionPageCache : IDisposable
{
    /// <summary>How many sessions a node keeps (about 100 KB each at 100 items); 0 turns the cache off.</summary>
    public const string EntriesKey = "Sessions:PageCacheEntries";

    private readonly MemoryCache? kept;
    private long hits;
    private long misses;

    public SessionPageCache(IConfiguration config, IMeterFactory meters)
    {
        var entries = config.GetValue(EntriesKey, 500);
        if (entries > 0) kept = new MemoryCache(new MemoryCacheOptions { SizeLimit = entries });
        // For operators: a low share of hits means pages change as often as they are read, or too few are kept.
        var meter = meters.Create(Observability.MeterName);
        meter.CreateObservableCounter("doithoai.session_page.kept", () => Hits, "{page}", "Session pages shown from the kept data");
        meter.CreateObservableCounter("doithoai.session_page.read", () => Misses, "{page}", "Session pages read from the database by those who run the session");
    }

    /// <summary>Pages of those who run a session shown from the kept data, and read from the database, since start.</summary>
    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);

    /// <summary>The session's host and version, and the version of the names pages show; null when there is no such session.</summary>
    public sealed record Stamp(int SessionId, int HostUnitId, long PageVersion, long Reference);

    public static Task<Stamp?> ReadStampAsync(AppDbContext db, int sessionId) =>
        db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new Stamp(s.Id, s.HostUnitId, s.PageVersion,
                db.DataVersions.Where(v => v.Name == DataVersion.Reference).Select(v => v.Value).FirstOrDefault()))
            .FirstOrDefaultAsync();

    /// <summary>
    /// The kept data when it was read at <paramref name="stamp"/>, else what <paramref name="read"/>
    /// returns, kept. The stamp must be read before the data: a change saved in between leaves the
    /// data newer than its stamp, so it is read again next time, never the other way round.
    /// </summary>
    public async Task<Kept> GetAsync(Stamp stamp, Func<Task<SessionPageData>> read)
    {
        if (kept?.TryGetValue(stamp.SessionId, out Kept? entry) == true && entry!.Stamp == stamp)
        {
            Interlocked.Increment(ref hits);
            return entry;
        }
        Interlocked.Increment(ref misses);
        var fresh = new Kept(stamp, await read());
        kept?.Set(stamp.SessionId, fresh, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) });
        return fresh;
    }

    /// <summary>
    /// The data read at <see cref="Stamp"/>, and parts of the page already written from it (per
    /// language): the table of a hundred items is most of the page's HTML and of its garbage.
    /// </summary>
    public sealed class Kept(Stamp stamp, SessionPageData data)
    {
        private readonly ConcurrentDictionary<string, HtmlString> fragments = new();

        public Stamp Stamp { get; } = stamp;
        public SessionPageData Data { get; } = data;

        /// <summary>The HTML <paramref name="render"/> writes for <paramref name="name"/> in the reader's language, written once.</summary>
        public async Task<IHtmlContent> FragmentAsync(string name, Func<Task<IHtmlContent>> render, HtmlEncoder encoder)
        {
            var key = name + "|" + CultureInfo.CurrentUICulture.Name;
            if (fragments.TryGetValue(key, out var html)) return html;
            using var writer = new StringWriter(CultureInfo.InvariantCulture);
            (await render()).WriteTo(writer, encoder);
            return fragments.GetOrAdd(key, new HtmlString(writer.ToString()));
        }
    }

    public void Dispose() => kept?.Dispose();
}
