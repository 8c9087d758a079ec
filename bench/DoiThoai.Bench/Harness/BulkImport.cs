using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DoiThoai.Bench.Corpus;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DoiThoai.Bench.Harness;

/// <summary>What an import wrote and how long it took; kept as bench.json beside the data so later runs reuse it.</summary>
internal sealed record ImportManifest(
    int Items, string Provider, int Seed, int Sessions, int Units,
    double InsertSeconds, double IndexSeconds, long RawTextBytes, long IndexBytes, long DatabaseBytes)
{
    public const string FileName = "bench.json";
    public double InsertRate => Items / InsertSeconds;
    public double IndexRate => Items / IndexSeconds;
    public double TotalRate => Items / (InsertSeconds + IndexSeconds);

    public static ImportManifest? Read(string dataPath)
    {
        var file = Path.Combine(dataPath, FileName);
        return File.Exists(file) ? JsonSerializer.Deserialize<ImportManifest>(File.ReadAllText(file)) : null;
    }

    public void Write(string dataPath) =>
        File.WriteAllText(Path.Combine(dataPath, FileName), JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
}

/// <summary>
/// Loads N generated items into a fresh database through the app's own model: the app's executable
/// creates the schema, roles and demo accounts (`seed-demo`), then sessions and items are built with
/// the entity methods (<see cref="DialogueSession.Plan"/>, <see cref="Item.Raise"/>, Classify,
/// AnswerAtSession) and saved in batches with the change tracker cleared, so the same history and
/// search change-log rows are written as by the pages. The index is then built by the app's
/// <see cref="SearchIndex.RebuildAsync"/>, the code behind the `reindex` verb.
/// </summary>
internal static class BulkImport
{
    /// <summary>The database id of generated item seq, as little-endian int32 at offset 4 × seq.</summary>
    public const string IdsFile = "item-ids.bin";
    private const int SessionsPerBatch = 2_000;
    private const int BranchesPerCommune = 10;
    private const string CodePrefix = "BENCH-";
    private static readonly DateTime FirstSession = new(2016, 1, 4, 2, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Reform = new(2025, 7, 1);

    public static async Task<ImportManifest> RunAsync(BenchDatabase database, BenchOptions options)
    {
        if (ImportManifest.Read(database.DataPath) is { } existing)
        {
            if (existing.Items != options.Items || existing.Seed != options.Seed || existing.Provider != database.Provider.ToString())
                throw new InvalidOperationException($"{database.DataPath} holds {existing.Items:N0} items (seed {existing.Seed}, {existing.Provider}); use another --data folder.");
            Console.WriteLine($"Reusing the import in {database.DataPath} ({existing.Items:N0} items).");
            // The index on disk now, not at import: a later `reindex` (or the app, on a format change) rebuilt it.
            var indexFolder = Path.Combine(database.DataPath, DoiThoai.Web.Features.Search.SearchIndex.FolderName);
            if (!options.Reindex) return existing with { IndexBytes = FolderBytes(indexFolder) };
            // The app's own verbs, as an operator upgrading would run them: schema, then the index.
            await AppProcess.RunVerbAsync(database.Environment(database.DataPath), "migrate");
            var rebuild = Stopwatch.StartNew();
            await AppProcess.RunVerbAsync(database.Environment(database.DataPath), "reindex");
            Console.WriteLine($"Index rebuilt by `reindex` in {rebuild.Elapsed.TotalSeconds:F1} s ({existing.Items / rebuild.Elapsed.TotalSeconds:N0} items/s, process start included).");
            return existing with { IndexBytes = FolderBytes(indexFolder) };
        }

        Console.WriteLine($"Schema, roles and demo accounts through the app's `seed-demo` ({database.Provider}) …");
        await AppProcess.RunVerbAsync(database.Environment(database.DataPath), "seed-demo");

        var generator = new ItemGenerator(ItemGenerator.LoadSentences(options.Corpus), options.Seed, PartyVocabulary.TopicNames.Length);
        await using var host = database.BuildHost(database.DataPath);
        var world = await World.CreateAsync(host.Services, options.Items);

        Console.WriteLine("Sessions and item texts (not timed) …");
        var sessionIds = await world.SaveSessionsAsync(host.Services, options.Items);
        long rawBytes = 0;
        var rows = new ImportRow[options.Items];
        for (var seq = 0; seq < options.Items; seq++)
        {
            var generated = generator.Get(seq);
            rawBytes += Encoding.UTF8.GetByteCount(generated.Text);
            rows[seq] = world.Row(sessionIds[seq / ItemGenerator.ItemsPerSession], seq, generated);
        }

        Console.WriteLine($"Importing {options.Items:N0} items through the app's ItemImport …");
        var insert = Stopwatch.StartNew();
        int[] ids;
        await using (var scope = host.Services.CreateAsyncScope())
            ids = await scope.ServiceProvider.GetRequiredService<ItemImport>().ImportAsync(rows, world.Actor);
        insert.Stop();
        Console.WriteLine($"Inserted {options.Items:N0} items in {insert.Elapsed.TotalSeconds:F1} s ({options.Items / insert.Elapsed.TotalSeconds:N0} items/s).");
        var sessions = sessionIds.Length;

        var index = host.Services.GetRequiredService<SearchIndex>();
        var indexing = Stopwatch.StartNew();
        var indexed = await index.RebuildAsync(done => { if (done % 100_000 == 0) Console.WriteLine($"  indexed {done,10:N0} items, {indexing.Elapsed.TotalSeconds,6:F1} s"); });
        indexing.Stop();
        Console.WriteLine($"Indexed {indexed:N0} items in {indexing.Elapsed.TotalSeconds:F1} s ({indexed / indexing.Elapsed.TotalSeconds:N0} items/s).");

        WriteGroundTruth(database.DataPath, generator, ids);
        await File.WriteAllBytesAsync(Path.Combine(database.DataPath, IdsFile), System.Runtime.InteropServices.MemoryMarshal.AsBytes(ids.AsSpan()).ToArray());
        var manifest = new ImportManifest(options.Items, database.Provider.ToString(), options.Seed, sessions, world.UnitCount,
            insert.Elapsed.TotalSeconds, indexing.Elapsed.TotalSeconds, rawBytes, FolderBytes(index.Folder),
            database.Provider == DatabaseProvider.Sqlite ? FolderBytes(database.DataPath, "doithoai.db*") : 0);
        manifest.Write(database.DataPath);
        return manifest;
    }

    public static int[] ReadIds(string dataPath) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(File.ReadAllBytes(Path.Combine(dataPath, IdsFile))).ToArray();

    public static long FolderBytes(string folder, string pattern = "*") =>
        new DirectoryInfo(folder).EnumerateFiles(pattern).Sum(f => f.Length);

    /// <summary>ground-truth.tsv: item id, id of the item it copies, how it was changed — for the near-duplicate quality runs.</summary>
    private static void WriteGroundTruth(string dataPath, ItemGenerator generator, int[] ids)
    {
        using var file = new StreamWriter(Path.Combine(dataPath, "ground-truth.tsv"));
        file.WriteLine("itemId\tsourceItemId\tkind");
        for (var seq = 0; seq < ids.Length; seq++)
        {
            if (generator.KindOf(seq) == VariantKind.Original) continue;
            var item = generator.Get(seq);
            file.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ids[seq]}\t{ids[item.SourceSeq!.Value]}\t{item.Kind}"));
        }
    }

    /// <summary>
    /// The organisation the items are spread over, under the demo's new province so its office and
    /// leaders oversee them: communes with ten branches each, two terms per commune (before and after
    /// the 2025 reform), the topic list, and one session every <see cref="ItemGenerator.ItemsPerSession"/> items.
    /// </summary>
    private sealed class World
    {
        private readonly List<(int Commune, int[] Branches, int OldTerm, int NewTerm)> communes = [];
        private readonly List<int> topics = [];
        private Actor actor = Actor.System;
        private int itemCount;
        public int UnitCount => communes.Count * (1 + BranchesPerCommune);

        public static async Task<World> CreateAsync(IServiceProvider services, int items)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var world = new World { itemCount = items };
            var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => new { u.Id, u.UserName }).SingleAsync();
            world.actor = new Actor(admin.Id, "Nhập dữ liệu đo hiệu năng");
            var province = await db.OrgUnits.SingleAsync(u => u.Code == "BN-TU");
            var communeKind = await db.OrgUnitKinds.SingleAsync(k => k.Code == "dang-uy-xa");
            var branchKind = await db.OrgUnitKinds.SingleAsync(k => k.Code == "chi-bo");
            var communeCount = Math.Clamp(items / 5_000, 20, 200);
            var created = new List<(OrgUnit Commune, OrgUnit[] Branches, Term Old, Term New)>();
            for (var c = 0; c < communeCount; c++)
            {
                var commune = new OrgUnit
                {
                    Name = $"Đảng ủy xã Thử Nghiệm {c + 1}", Code = $"{CodePrefix}X{c + 1}", KindId = communeKind.Id,
                    Parent = province, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = 1_000 + c,
                };
                var branches = Enumerable.Range(1, BranchesPerCommune).Select(b => new OrgUnit
                {
                    Name = $"Chi bộ thôn {b} xã Thử Nghiệm {c + 1}", Code = $"{CodePrefix}X{c + 1}-CB{b}", KindId = branchKind.Id,
                    Parent = commune, ValidFrom = new DateOnly(2000, 1, 1), SortOrder = b,
                }).ToArray();
                var old = new Term { OrgUnit = commune, Name = "Nhiệm kỳ 2015–2020", StartsOn = new DateOnly(2015, 10, 1), EndsOn = Reform.AddDays(-1) };
                var @new = new Term { OrgUnit = commune, Name = "Nhiệm kỳ 2025–2030", StartsOn = Reform, EndsOn = new DateOnly(2030, 9, 30) };
                db.AddRange([commune, .. branches]);
                db.AddRange(old, @new);
                created.Add((commune, branches, old, @new));
            }
            var topicRows = PartyVocabulary.TopicNames.Select((name, i) => new Topic
            {
                Code = $"{CodePrefix}T{i + 1}", Name = name, NameEn = $"Benchmark topic {i + 1}", SortOrder = 100 + i,
            }).ToList();
            db.Topics.AddRange(topicRows);
            await db.SaveChangesAsync();
            world.communes.AddRange(created.Select(c => (c.Commune.Id, c.Branches.Select(b => b.Id).ToArray(), c.Old.Id, c.New.Id)));
            world.topics.AddRange(topicRows.Select(t => t.Id));
            return world;
        }

        public Actor Actor => actor;

        private static DateTime SessionStart(int index, int items) =>
            FirstSession.AddDays(3_650.0 * index / Math.Max(1, items / ItemGenerator.ItemsPerSession));

        /// <summary>One session per <see cref="ItemGenerator.ItemsPerSession"/> items, saved in batches; their ids in order.</summary>
        public async Task<int[]> SaveSessionsAsync(IServiceProvider services, int items)
        {
            var count = (items + ItemGenerator.ItemsPerSession - 1) / ItemGenerator.ItemsPerSession;
            var ids = new int[count];
            for (var first = 0; first < count; first += SessionsPerBatch)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var batch = Enumerable.Range(first, Math.Min(SessionsPerBatch, count - first)).Select(i => Session(i, items)).ToList();
                db.Sessions.AddRange(batch);
                await db.SaveChangesAsync();
                for (var i = 0; i < batch.Count; i++) ids[first + i] = batch[i].Id;
            }
            return ids;
        }

        /// <summary>Session number <paramref name="index"/>: held by a commune for one of its branches, spread evenly over ten years.</summary>
        public DialogueSession Session(int index, int items)
        {
            var (commune, branches, oldTerm, newTerm) = communes[index % communes.Count];
            var branch = branches[index / communes.Count % branches.Length];
            var startsAt = SessionStart(index, items);
            var session = DialogueSession.Plan(new SessionDetails(
                $"Hội nghị đối thoại với đảng viên chi bộ, lần {index + 1}", commune, branch,
                DateOnly.FromDateTime(startsAt) < Reform ? oldTerm : newTerm, startsAt,
                "Hội trường Đảng ủy xã", null, null, null, []), actor, startsAt.AddDays(-14));
            session.Hold(40 + index % 60, null, actor, startsAt);
            return session;
        }

        /// <summary>
        /// The import row of generated item seq, at its session, a minute after the one before. An
        /// import records items as received; the classified share carries its topic from the start.
        /// </summary>
        public ImportRow Row(int sessionId, int seq, GeneratedItem generated)
        {
            var session = seq / ItemGenerator.ItemsPerSession;
            var confidentiality = (seq % 50) switch { 0 => Confidentiality.Restricted, < 5 => Confidentiality.Internal, _ => Confidentiality.Public };
            var (_, branches, _, _) = communes[session % communes.Count];
            return new ImportRow(sessionId, new ItemDetails(
                (ItemKind)(seq % 4), RaisedStage.AtSession, null, "Đảng viên dự hội nghị", branches[session / communes.Count % branches.Length],
                generated.Classified ? topics[generated.TopicIndex] : null, Urgency.Normal, confidentiality, generated.Text),
                SessionStart(session, itemCount).AddMinutes(seq % ItemGenerator.ItemsPerSession));
        }
    }
}
