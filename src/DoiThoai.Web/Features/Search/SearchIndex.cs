using System.Globalization;
using DoiThoai.Text;
using DoiThoai.Web.Features.Items;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// This node's Lucene index of items, under Storage:DataPath/search-index. It holds only what the
/// app computes itself: per item its filter fields and the syllables of the tone-key ("tone") and of
/// the fold-key ("fold"), space-separated, so a whitespace tokenizer is all Lucene needs. The
/// database stays the source of truth: <see cref="CatchUpAsync"/> replays the <see cref="SearchChange"/>
/// rows after the last one applied (kept in the Lucene commit's user data, so the index and its
/// position move together), and a missing index is rebuilt from the Items table.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const string FolderName = "search-index";
    private const string LastChangeKey = "lastChangeId";
    private const int Batch = 1_000;
    private static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly IServiceScopeFactory scopes;
    private readonly ILogger<SearchIndex> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private LuceneDirectory? directory;
    private IndexWriter? writer;
    private SearcherManager? searchers;
    private long lastChangeId = -1;
    /// <summary>
    /// Change ids skipped over while still uncommitted: PostgreSQL hands out identity values at insert,
    /// so a later transaction can commit first. They are looked for again until they show up or expire
    /// (a rolled-back transaction leaves its id unused for good).
    /// </summary>
    private readonly Dictionary<long, DateTime> gaps = [];
    private static readonly TimeSpan GapWait = TimeSpan.FromMinutes(2);
    private const int MaxGapsPerStep = 100;

    public SearchIndex(IServiceScopeFactory scopes, IConfiguration config, IHostEnvironment env, ILogger<SearchIndex> logger)
    {
        this.scopes = scopes;
        this.logger = logger;
        Folder = Path.Combine(DatabaseSetup.DataPath(config, env), FolderName);
    }

    public string Folder { get; }

    /// <summary>The last change-log id applied to the index (-1 before the first catch-up).</summary>
    public long LastChangeId => Interlocked.Read(ref lastChangeId);

    /// <summary>
    /// Applies the change-log rows written since the last call (one cheap query when there are none);
    /// on first use builds the index from the whole Items table when it is missing or has no position.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (writer is null)
            {
                Open();
                if (lastChangeId < 0)
                {
                    await RebuildCoreAsync(db, null, ct);
                    return;
                }
            }
            await RetryGapsAsync(db, ct);
            while (true)
            {
                var from = lastChangeId;
                var changes = await db.SearchChanges.AsNoTracking()
                    .Where(c => c.Id > from && c.EntityType == SearchChange.ItemType)
                    .OrderBy(c => c.Id).Take(Batch)
                    .Select(c => new { c.Id, c.EntityId })
                    .ToListAsync(ct);
                if (changes.Count == 0) break;
                NoteGaps(from, changes.Select(c => c.Id));
                await ApplyAsync(db, changes.Select(c => c.EntityId).Distinct().ToList(), ct);
                Commit(changes[^1].Id);
                if (changes.Count < Batch) break;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private void NoteGaps(long from, IEnumerable<long> ids)
    {
        var expected = from + 1;
        foreach (var id in ids)
        {
            // A large jump is not a set of in-flight transactions (identity caches, a first run).
            if (id - expected <= MaxGapsPerStep)
                for (var missing = expected; missing < id; missing++) gaps.TryAdd(missing, DateTime.UtcNow);
            expected = id + 1;
        }
    }

    private async Task RetryGapsAsync(AppDbContext db, CancellationToken ct)
    {
        if (gaps.Count == 0) return;
        foreach (var expired in gaps.Where(g => DateTime.UtcNow - g.Value > GapWait).Select(g => g.Key).ToList()) gaps.Remove(expired);
        var wanted = gaps.Keys.ToList();
        var found = await db.SearchChanges.AsNoTracking()
            .Where(c => wanted.Contains(c.Id) && c.EntityType == SearchChange.ItemType)
            .Select(c => new { c.Id, c.EntityId })
            .ToListAsync(ct);
        if (found.Count == 0) return;
        await ApplyAsync(db, found.Select(c => c.EntityId).Distinct().ToList(), ct);
        foreach (var change in found) gaps.Remove(change.Id);
        Commit(lastChangeId);
    }

    private async Task ApplyAsync(AppDbContext db, List<int> ids, CancellationToken ct)
    {
        var items = await IndexedItem.Query(db.Items.Where(i => ids.Contains(i.Id))).ToListAsync(ct);
        foreach (var item in items) writer!.UpdateDocument(new Term(Fields.Id, Key(item.Id)), item.ToDocument());
        foreach (var gone in ids.Except(items.Select(i => i.Id))) writer!.DeleteDocuments(new Term(Fields.Id, Key(gone)));
    }

    /// <summary>Empties the index and builds it again from the Items table (the operator's `reindex`).</summary>
    public async Task<int> RebuildAsync(Action<int>? progress = null, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (writer is null) Open();
            return await RebuildCoreAsync(db, progress, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Ids of the matching items, best first (at most <paramref name="max"/>), and how many matched in all.</summary>
    public (IReadOnlyList<int> Ids, int TotalHits) Search(Query query, int max)
    {
        var manager = searchers ?? throw new InvalidOperationException("Call CatchUpAsync before searching.");
        var searcher = manager.Acquire();
        try
        {
            var top = searcher.Search(query, max);
            var ids = new List<int>(top.ScoreDocs.Length);
            foreach (var hit in top.ScoreDocs)
                ids.Add(int.Parse(searcher.Doc(hit.Doc).Get(Fields.Id), CultureInfo.InvariantCulture));
            return (ids, top.TotalHits);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    private void Open()
    {
        System.IO.Directory.CreateDirectory(Folder);
        directory = FSDirectory.Open(new DirectoryInfo(Folder));
        var config = new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            Similarity = new BM25Similarity(),
        };
        writer = new IndexWriter(directory, config);
        searchers = new SearcherManager(writer, true, new Bm25SearcherFactory());
        lastChangeId = writer.CommitData is { } data && data.TryGetValue(LastChangeKey, out var value)
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }

    private async Task<int> RebuildCoreAsync(AppDbContext db, Action<int>? progress, CancellationToken ct)
    {
        // The position is read first: changes committed while the items are read are applied again
        // at the next catch-up, which is harmless (an update replaces the whole document).
        var position = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        writer!.DeleteAll();
        gaps.Clear();
        var count = 0;
        var afterId = 0;
        while (true)
        {
            var from = afterId;
            var items = await IndexedItem.Query(db.Items.Where(i => i.Id > from).OrderBy(i => i.Id).Take(Batch)).ToListAsync(ct);
            if (items.Count == 0) break;
            foreach (var item in items) writer.AddDocument(item.ToDocument());
            count += items.Count;
            afterId = items[^1].Id;
            progress?.Invoke(count);
            if (items.Count < Batch) break;
        }
        Commit(position);
        logger.LogInformation("Search index rebuilt: {Count} items, change log at {Position}.", count, position);
        return count;
    }

    private void Commit(long position)
    {
        writer!.SetCommitData(new Dictionary<string, string> { [LastChangeKey] = position.ToString(CultureInfo.InvariantCulture) });
        writer.Commit();
        Interlocked.Exchange(ref lastChangeId, position);
        searchers!.MaybeRefreshBlocking();
    }

    private static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    public void Dispose()
    {
        searchers?.Dispose();
        writer?.Dispose();
        directory?.Dispose();
        gate.Dispose();
    }

    public static class Fields
    {
        public const string Id = "id";
        public const string SessionId = "sessionId";
        public const string TopicId = "topicId";
        public const string Status = "status";
        public const string Confidentiality = "confidentiality";
        public const string Tone = "tone";
        public const string Fold = "fold";
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = new BM25Similarity() };
    }

    private sealed record IndexedItem(int Id, int SessionId, int? TopicId, ItemStatus Status, Confidentiality Confidentiality, string Text, string? Answer)
    {
        public static IQueryable<IndexedItem> Query(IQueryable<Item> items) => items.AsNoTracking()
            .Select(i => new IndexedItem(i.Id, i.SessionId, i.TopicId, i.Status, i.Confidentiality, i.Text, i.Answer));

        public Document ToDocument()
        {
            var tokens = Tokens.Of(Answer is null ? Text : Text + "\n" + Answer);
            var doc = new Document
            {
                new StringField(Fields.Id, Key(Id), Field.Store.YES),
                new StringField(Fields.SessionId, Key(SessionId), Field.Store.NO),
                new StringField(Fields.Status, Status.ToString(), Field.Store.NO),
                new StringField(Fields.Confidentiality, Confidentiality.ToString(), Field.Store.NO),
                new TextField(Fields.Tone, string.Join(' ', tokens.ToneSyllables), Field.Store.NO),
                new TextField(Fields.Fold, string.Join(' ', tokens.FoldSyllables), Field.Store.NO),
            };
            if (TopicId is { } topicId) doc.Add(new StringField(Fields.TopicId, Key(topicId), Field.Store.NO));
            Similar.SimilarQueries.AddBandKeys(doc, Text);
            return doc;
        }
    }
}
