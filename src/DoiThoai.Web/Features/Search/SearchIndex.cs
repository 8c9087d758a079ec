using System.Globalization;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;
using FSDirectory = Lucene.Net.Store.FSDirectory;

namespace DoiThoai.Web.Features.Search;

/// <summary>
/// This node's Lucene index of items, answers, conclusions and published portal articles, under Storage:DataPath/search-index.
/// It holds only what the app computes itself (<see cref="SearchDocuments"/>): filter and scope
/// fields and the syllables of the tone-key ("tone") and of the fold-key ("fold"), space-separated,
/// so a whitespace tokenizer is all Lucene needs. The
/// database stays the source of truth: <see cref="CatchUpAsync"/> replays the <see cref="SearchChange"/>
/// rows after the last one applied (kept in the Lucene commit's user data, so the index and its
/// position move together), and a missing index is rebuilt from the database.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const string FolderName = "search-index";
    private const string LastChangeKey = "lastChangeId";
    private const string FormatKey = "format";
    /// <summary>The fields' layout (<see cref="SearchDocuments"/>); an index of another layout is rebuilt on open.</summary>
    private const string Format = "5"; // 5: near-copy bands over syllables (ADR 0024)
    private const int Batch = 1_000;
    private const int RebuildBatch = 5_000;
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
    private volatile bool hasGaps;

    /// <summary>Change ids still awaited: searches keep looking for them until they commit or expire.</summary>
    private bool HasGaps => hasGaps;
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

    private long caughtUpWithLocalWrites = -1;

    /// <summary>
    /// What a search calls first: catches up only when a save in this process committed change-log
    /// rows since the last catch-up (or the index is not open yet), so the writer reads its own
    /// change at once and a read-only search costs no database round trip.
    /// </summary>
    public Task CatchUpWithLocalWritesAsync(CancellationToken ct = default) =>
        writer is not null && SearchChangeInterceptor.LocalWrites == Interlocked.Read(ref caughtUpWithLocalWrites) && !HasGaps
            ? Task.CompletedTask
            : CatchUpAsync(ct);

    /// <summary>
    /// Applies the change-log rows written since the last call (one cheap query when there are none);
    /// on first use builds the index from the database when it is missing or has no position.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        // Read before the change log is: a save counted after this is caught up by the next call.
        var localWrites = SearchChangeInterceptor.LocalWrites;
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
                    Interlocked.Exchange(ref caughtUpWithLocalWrites, localWrites);
                    return;
                }
            }
            await RetryGapsAsync(db, ct);
            while (true)
            {
                var from = lastChangeId;
                var changes = await db.SearchChanges.AsNoTracking()
                    .Where(c => c.Id > from)
                    .OrderBy(c => c.Id).Take(Batch)
                    .Select(c => new LoggedChange(c.Id, c.ItemId, c.SessionId, c.ArticleId))
                    .ToListAsync(ct);
                if (changes.Count == 0) break;
                NoteGaps(from, changes.Select(c => c.Id));
                await ApplyAsync(db, changes, ct);
                Commit(changes[^1].Id);
                if (changes.Count < Batch) break;
            }
            Interlocked.Exchange(ref caughtUpWithLocalWrites, localWrites);
        }
        finally
        {
            hasGaps = gaps.Count > 0;
            gate.Release();
        }
    }

    private sealed record LoggedChange(long Id, int? ItemId, int? SessionId, int? ArticleId);

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
            .Where(c => wanted.Contains(c.Id))
            .Select(c => new LoggedChange(c.Id, c.ItemId, c.SessionId, c.ArticleId))
            .ToListAsync(ct);
        if (found.Count == 0) return;
        await ApplyAsync(db, found, ct);
        foreach (var change in found) gaps.Remove(change.Id);
        Commit(lastChangeId);
    }

    /// <summary>Re-indexes the items and sessions the changes name; what no longer exists leaves the index.</summary>
    private async Task ApplyAsync(AppDbContext db, IReadOnlyCollection<LoggedChange> changes, CancellationToken ct)
    {
        var articleIds = changes.Where(c => c.ArticleId is not null).Select(c => c.ArticleId!.Value).Distinct().ToList();
        if (articleIds.Count > 0)
        {
            var published = await SearchDocuments.ArticlesAsync(db, q => q.Where(a => articleIds.Contains(a.Id)), ct);
            foreach (var article in published)
                writer!.UpdateDocument(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Article, article.Id), SearchDocuments.ArticleDocument(article));
            // Drafts, articles in review and unpublished ones leave the index.
            foreach (var gone in articleIds.Except(published.Select(a => a.Id)))
                writer!.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Article, gone));
        }
        var sessionIds = changes.Where(c => c.SessionId is not null).Select(c => c.SessionId!.Value).Distinct().ToList();
        var itemIds = changes.Where(c => c.ItemId is not null).Select(c => c.ItemId!.Value).ToHashSet();
        if (sessionIds.Count > 0)
            itemIds.UnionWith(await db.Items.Where(i => sessionIds.Contains(i.SessionId)).Select(i => i.Id).ToListAsync(ct));
        foreach (var chunk in itemIds.Chunk(Batch))
        {
            var ids = chunk.ToList();
            var items = await SearchDocuments.ItemsAsync(db, q => q.Where(i => ids.Contains(i.Id)), ct);
            var sessions = await SearchDocuments.SessionsAsync(db, items.Select(i => i.SessionId).Distinct().ToList(), ct);
            foreach (var item in items) WriteItem(item, sessions[item.SessionId], update: true);
            foreach (var gone in ids.Except(items.Select(i => i.Id)))
            {
                writer!.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Item, gone));
                writer.DeleteDocuments(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Answer, gone));
            }
        }
        if (sessionIds.Count == 0) return;
        var facts = await SearchDocuments.SessionsAsync(db, sessionIds, ct);
        foreach (var sessionId in sessionIds)
        {
            writer!.DeleteDocuments(new BooleanQuery
            {
                { new TermQuery(new Term(SearchDocuments.Fields.Kind, SearchDocuments.Kinds.Conclusion)), Occur.MUST },
                { new TermQuery(new Term(SearchDocuments.Fields.SessionId, SearchDocuments.Number(sessionId))), Occur.MUST },
            });
        }
        var conclusions = await SearchDocuments.ConclusionsAsync(db, q => q.Where(c => sessionIds.Contains(c.SessionId)), ct);
        foreach (var conclusion in conclusions) writer!.AddDocument(SearchDocuments.ConclusionDocument(conclusion, facts[conclusion.SessionId]));
    }

    private void WriteItem(SearchDocuments.ItemSource item, SearchDocuments.SessionFacts session, bool update)
    {
        var doc = SearchDocuments.ItemDocument(item, session);
        if (update) writer!.UpdateDocument(SearchDocuments.KeyTerm(SearchDocuments.Kinds.Item, item.Id), doc);
        else writer!.AddDocument(doc);
        var answerKey = SearchDocuments.KeyTerm(SearchDocuments.Kinds.Answer, item.Id);
        if (SearchDocuments.AnswerDocument(item, session) is { } answer)
        {
            if (update) writer.UpdateDocument(answerKey, answer);
            else writer.AddDocument(answer);
        }
        else if (update)
        {
            writer.DeleteDocuments(answerKey);
        }
    }

    /// <summary>Empties the index and builds it again from the database (the operator's `reindex`); returns the number of items.</summary>
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
            hasGaps = gaps.Count > 0;
            gate.Release();
        }
    }

    /// <summary>
    /// Ids of the matching items (item documents only, whatever else the index holds), best first
    /// (at most <paramref name="max"/>), and how many item documents matched in all.
    /// </summary>
    public (IReadOnlyList<int> Ids, int TotalHits) Search(Query query, int max)
    {
        var (hits, total) = Find(query, ItemsOnly, 0, max);
        return (hits.Select(h => h.Id).ToList(), total);
    }

    /// <summary>Runs <paramref name="read"/> on the current searcher (released afterwards).</summary>
    public T Read<T>(Func<IndexSearcher, T> read)
    {
        var manager = searchers ?? throw new InvalidOperationException("Call CatchUpAsync before searching.");
        var searcher = manager.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            manager.Release(searcher);
        }
    }

    public static readonly Filter ItemsOnly = CachedFilter.Of(new TermQuery(new Term(SearchDocuments.Fields.Kind, SearchDocuments.Kinds.Item)));

    /// <summary>A document found: its kind, its id (the item's for items and answers) and its session.</summary>
    public readonly record struct Found(string Kind, int Id, int SessionId);

    /// <summary>
    /// The documents ranked <paramref name="skip"/>+1 to <paramref name="skip"/>+<paramref name="take"/> among
    /// those matching <paramref name="query"/> and passing <paramref name="filter"/>, and how many pass in all.
    /// </summary>
    public (IReadOnlyList<Found> Hits, int TotalHits) Find(Query query, Filter? filter, int skip, int take) =>
        Read(searcher =>
        {
            var top = searcher.Search(CachedFilter.Apply(query, filter), Math.Max(1, skip + take));
            return (Describe(searcher, top.ScoreDocs.Skip(skip)), top.TotalHits);
        });

    /// <summary>The same for the text of a search (<see cref="SyllableQuery"/>).</summary>
    public (IReadOnlyList<Found> Hits, int TotalHits) Find(SyllableQuery query, Filter? filter, int skip, int take) =>
        Read(searcher =>
        {
            var (hits, total) = query.Run(searcher, filter, skip, take);
            return (Describe(searcher, hits), total);
        });

    private static readonly ISet<string> FoundFields = new HashSet<string> { SearchDocuments.Fields.Kind, SearchDocuments.Fields.Id, SearchDocuments.Fields.SessionId };

    private static IReadOnlyList<Found> Describe(IndexSearcher searcher, IEnumerable<ScoreDoc> hits)
    {
        var found = new List<Found>();
        foreach (var hit in hits)
        {
            var doc = searcher.Doc(hit.Doc, FoundFields);
            found.Add(new Found(doc.Get(SearchDocuments.Fields.Kind),
                int.Parse(doc.Get(SearchDocuments.Fields.Id), CultureInfo.InvariantCulture),
                int.Parse(doc.Get(SearchDocuments.Fields.SessionId), CultureInfo.InvariantCulture)));
        }
        return found;
    }

    private void Open()
    {
        System.IO.Directory.CreateDirectory(Folder);
        directory = FSDirectory.Open(new DirectoryInfo(Folder));
        writer = NewWriter(OpenMode.CREATE_OR_APPEND);
        var data = writer.CommitData;
        if (data is { Count: > 0 } && (!data.TryGetValue(FormatKey, out var format) || format != Format))
        {
            // Written by an older release with other fields: start again, the rebuild follows.
            logger.LogInformation("Search index format {Old} is not {New}: rebuilding it.", data.TryGetValue(FormatKey, out var old) ? old : "1", Format);
            writer.Dispose();
            writer = NewWriter(OpenMode.CREATE);
            data = null;
        }
        searchers = new SearcherManager(writer, true, new Bm25SearcherFactory());
        lastChangeId = data is not null && data.TryGetValue(LastChangeKey, out var value)
            && long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : -1;
    }

    private IndexWriter NewWriter(OpenMode mode) => new(directory, new IndexWriterConfig(Version, new WhitespaceAnalyzer(Version))
    {
        OpenMode = mode,
        Similarity = new BM25Similarity(),
        // Fewer, larger flushes while a rebuild or a bulk import is indexed (the default is 16 MB),
        // and no compound files: building one copies every new segment once more.
        RAMBufferSizeMB = 64,
        UseCompoundFile = false,
        MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
        // A merged segment gets its near-copy tables before searches see it, so no search pays for them.
        MergedSegmentWarmer = new NearCopyWarmer(),
    });

    private async Task<int> RebuildCoreAsync(AppDbContext db, Action<int>? progress, CancellationToken ct)
    {
        // The position is read first: changes committed while the rows are read are applied again
        // at the next catch-up, which is harmless (an update replaces the whole document).
        var position = await db.SearchChanges.MaxAsync(c => (long?)c.Id, ct) ?? 0;
        writer!.DeleteAll();
        gaps.Clear();
        var sessions = await SearchDocuments.SessionsAsync(db, null, ct);
        var count = 0;
        // The next batch is read from the database while this one is tokenised and inverted on every
        // core (IndexWriter takes documents from many threads): a rebuild is bound by the CPU.
        Task<List<SearchDocuments.ItemSource>> ReadAfter(int afterId) =>
            SearchDocuments.ItemsAsync(db, q => q.Where(i => i.Id > afterId).OrderBy(i => i.Id).Take(RebuildBatch), ct);
        var next = ReadAfter(0);
        while (true)
        {
            var items = await next;
            if (items.Count == 0) break;
            next = items.Count < RebuildBatch ? Task.FromResult(new List<SearchDocuments.ItemSource>()) : ReadAfter(items[^1].Id);
            Parallel.ForEach(items, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, item => WriteItem(item, sessions[item.SessionId], update: false));
            count += items.Count;
            progress?.Invoke(count);
        }
        foreach (var conclusion in await SearchDocuments.ConclusionsAsync(db, q => q, ct))
            writer.AddDocument(SearchDocuments.ConclusionDocument(conclusion, sessions[conclusion.SessionId]));
        foreach (var article in await SearchDocuments.ArticlesAsync(db, q => q, ct))
            writer.AddDocument(SearchDocuments.ArticleDocument(article));
        Commit(position);
        logger.LogInformation("Search index rebuilt: {Count} items, change log at {Position}.", count, position);
        return count;
    }

    private void Commit(long position)
    {
        writer!.SetCommitData(new Dictionary<string, string> { [LastChangeKey] = position.ToString(CultureInfo.InvariantCulture), [FormatKey] = Format });
        writer.Commit();
        Interlocked.Exchange(ref lastChangeId, position);
        searchers!.MaybeRefreshBlocking();
    }

    public void Dispose()
    {
        searchers?.Dispose();
        writer?.Dispose();
        directory?.Dispose();
        gate.Dispose();
    }

    private sealed class Bm25SearcherFactory : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader)
        {
            // New segments (a flush, the index just opened) get their near-copy tables on the refresh, not on a lookup.
            foreach (var leaf in reader.Leaves) Similar.NearCopyBands.Warm(leaf.AtomicReader);
            return new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        }
    }

    private sealed class NearCopyWarmer : IndexWriter.IndexReaderWarmer
    {
        public override void Warm(AtomicReader reader) => Similar.NearCopyBands.Warm(reader);
    }
}
