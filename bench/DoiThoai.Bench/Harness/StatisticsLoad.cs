using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DoiThoai.Web.Data;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.Reports;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// `statistics`: N items over 10,000 units (or --units), with assignments, answers, outcomes and
/// deadlines, then the statistics of ADR 0015 timed: the whole computation as the page and the API
/// run it (<see cref="Statistics.ComputeUncheckedAsync"/>), and beside it the raw time of one
/// grouped aggregate pass over the same rows (the floor any GROUP BY design pays). The data is kept
/// for a later run with --data (stats.json beside it says what it holds).
/// </summary>
/// <remarks>
/// Items are written with plain multi-row INSERTs, not through the entity methods: the statistics
/// read only the columns of Items (and the sessions' units), which is what is generated — the item's
/// status, outcome, answer and approval times, and its current lead unit and deadline — not the
/// history, assignment or search rows the workflow would also write. The text is short for the same
/// reason: the statistics read the covering index, never the text.
/// </remarks>
internal static class StatisticsLoad
{
    private const string ManifestFile = "stats.json";
    private const int Departments = 30;
    private const int BranchesPerCommune = 9;
    private const int ItemsPerSession = 50;
    private const int Topics = 20;
    private static readonly DateTime FirstDay = new(2016, 1, 4, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Reform = new(2025, 7, 1);

    private sealed record Manifest(int Items, int Units, string Provider, int RootUnitId, int CommuneUnitId, double LoadSeconds);

    public static async Task<int> RunAsync(BenchOptions options)
    {
        options = options with { Keep = options.Keep || options.DataPath is not null };
        using var database = BenchDatabase.Open(options);
        var manifestPath = Path.Combine(database.DataPath, ManifestFile);
        Manifest manifest;
        if (File.Exists(manifestPath))
        {
            manifest = JsonSerializer.Deserialize<Manifest>(await File.ReadAllTextAsync(manifestPath))!;
            Console.WriteLine($"Reusing {manifest.Items:N0} items over {manifest.Units:N0} units in {database.DataPath}.");
        }
        else
        {
            Console.WriteLine($"Schema and demo data through the app's `seed-demo` ({database.Provider}) …");
            await AppProcess.RunVerbAsync(database.Environment(database.DataPath), "seed-demo");
            var load = Stopwatch.StartNew();
            await using var loadHost = database.BuildHost(database.DataPath);
            manifest = await GenerateAsync(loadHost.Services, database.Provider, options.Items, options.Units, options.Seed);
            manifest = manifest with { LoadSeconds = load.Elapsed.TotalSeconds };
            await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest));
        }

        await using var host = database.BuildHost(database.DataPath);
        var cases = new (string Name, int Unit, bool SubUnits, UnitGrouping Grouping, StatisticsPeriod.Request Period)[]
        {
            ("province, sub-units, 2016–2026 (every item)", manifest.RootUnitId, true, UnitGrouping.Successor, new(null, null, null, null, "2016-01-01", "2026-12-31")),
            ("province, sub-units, historical, 2016–2026", manifest.RootUnitId, true, UnitGrouping.Historical, new(null, null, null, null, "2016-01-01", "2026-12-31")),
            ("province, sub-units, year 2024", manifest.RootUnitId, true, UnitGrouping.Successor, new("year", 2024, null, null, null, null)),
            ("province, sub-units, quarter III/2025", manifest.RootUnitId, true, UnitGrouping.Successor, new("quarter", 2025, 3, null, null, null)),
            ("one commune, sub-units, 2016–2026", manifest.CommuneUnitId, true, UnitGrouping.Successor, new(null, null, null, null, "2016-01-01", "2026-12-31")),
        };
        var rows = new List<string>();
        foreach (var c in cases)
        {
            var query = new StatisticsQuery(c.Unit, c.SubUnits, c.Grouping, c.Period);
            StatisticsReport? report = null;
            var app = await TimeAsync(options.Runs, async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                report = await StatisticsFor(scope.ServiceProvider).ComputeUncheckedAsync(query);
            });
            var (from, to) = new StatisticsPeriod(report!.From, report.To, "").UtcBounds();
            var raw = await TimeAsync(options.Runs, () => RawPassAsync(host.Services, from, to));
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {c.Name} | {report.Totals.Received:N0} | {app.Median:F0} | {app.Max:F0} | {raw.Median:F0} | {raw.Max:F0} |"));
            Console.WriteLine(rows[^1]);
        }

        var markdown = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Statistics, {database.Provider}: {manifest.Items:N0} items, {manifest.Units:N0} units, {options.Runs} runs after a warm-up, load average {LoadAverage()}")
            .AppendLine()
            .AppendLine("| report | items counted | statistics median ms | max ms | raw GROUP BY median ms | max ms |")
            .AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var row in rows) markdown.AppendLine(row);
        await database.PublishAsync("results-statistics.md", markdown.ToString());
        return 0;
    }

    /// <summary>The service as Program.cs registers it, built by hand: the bench host has only the database.</summary>
    private static Statistics StatisticsFor(IServiceProvider services)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var cache = Cache;
        // One directory for the whole run, as the app keeps one per node (it holds the tree between requests).
        var directory = Directory ??= new OrgDirectory(services.GetRequiredService<IServiceScopeFactory>());
        return new Statistics(db, new UserScope(new HttpContextAccessor(), db, directory), directory, new WorkingCalendar(db, cache), TimeProvider.System, services.GetRequiredService<IServiceScopeFactory>());
    }

    private static readonly MemoryCache Cache = new(new MemoryCacheOptions());
    private static OrgDirectory? Directory;

    /// <summary>One GROUP BY pass over the period's items with a count: the least any grouped design pays.</summary>
    private static async Task RawPassAsync(IServiceProvider services, DateTime from, DateTime to)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.Items.AsNoTracking().Where(i => i.RaisedAtUtc >= from && i.RaisedAtUtc < to)
            .GroupBy(i => i.TopicId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        if (rows.Count == 0) Console.WriteLine("  (raw pass found no rows)");
    }

    private static async Task<(double Median, double Max)> TimeAsync(int runs, Func<Task> action)
    {
        await action(); // warm-up: caches, query plans, pages of the index
        var times = new List<double>();
        for (var i = 0; i < Math.Max(1, runs); i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>
    /// Under the demo's Bắc Ninh province: 30 provincial departments that lead the answers, communes
    /// with nine branches each up to the unit count, the first tenth of the communes merged two by two
    /// into later ones on 01/07/2025; one session a commune holds for a branch every few days over ten
    /// years, 50 items each.
    /// </summary>
    private static async Task<Manifest> GenerateAsync(IServiceProvider services, DatabaseProvider provider, int items, int unitCount, int seed)
    {
        int root, communeKind, branchKind, departmentKind;
        Actor actor;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            root = await db.OrgUnits.Where(u => u.Code == "BN-TU").Select(u => u.Id).SingleAsync();
            communeKind = await db.OrgUnitKinds.Where(k => k.Code == "dang-uy-xa").Select(k => k.Id).SingleAsync();
            branchKind = await db.OrgUnitKinds.Where(k => k.Code == "chi-bo").Select(k => k.Id).SingleAsync();
            departmentKind = await db.OrgUnitKinds.Where(k => k.Code == "ban-tinh-uy").Select(k => k.Id).SingleAsync();
            var admin = await db.Users.Where(u => u.UserName == "admin").Select(u => u.Id).SingleAsync();
            actor = new Actor(admin, "Dữ liệu đo hiệu năng thống kê");
        }

        Console.WriteLine($"Units (about {unitCount:N0}) …");
        var departments = new List<int>();
        var communes = new List<(int Id, int[] Branches)>();
        var topics = new List<int>();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var since = new DateOnly(2000, 1, 1);
            var deps = Enumerable.Range(1, Departments).Select(d => new OrgUnit
            {
                Name = $"Ban thử nghiệm {d} Tỉnh ủy", Code = $"STAT-B{d}", KindId = departmentKind, ParentId = root, ValidFrom = since, SortOrder = 500 + d,
            }).ToList();
            db.OrgUnits.AddRange(deps);
            var communeCount = Math.Max(2, (unitCount - Departments) / (1 + BranchesPerCommune));
            var merged = communeCount / 10;
            var created = new List<(OrgUnit Commune, OrgUnit[] Branches)>();
            for (var c = 0; c < communeCount; c++)
            {
                var commune = new OrgUnit
                {
                    Name = $"Đảng ủy xã Thống Kê {c + 1}", Code = $"STAT-X{c + 1}", KindId = communeKind, ParentId = root,
                    ValidFrom = since, ValidTo = c < merged ? Reform.AddDays(-1) : null, SortOrder = 2_000 + c,
                };
                var branches = Enumerable.Range(1, BranchesPerCommune).Select(b => new OrgUnit
                {
                    Name = $"Chi bộ thôn {b} xã Thống Kê {c + 1}", Code = $"STAT-X{c + 1}-CB{b}", KindId = branchKind, Parent = commune,
                    ValidFrom = since, ValidTo = commune.ValidTo, SortOrder = b,
                }).ToArray();
                db.OrgUnits.Add(commune);
                db.OrgUnits.AddRange(branches);
                created.Add((commune, branches));
            }
            var topicRows = Enumerable.Range(1, Topics).Select(t => new Topic { Code = $"STAT-T{t}", Name = $"Lĩnh vực thử nghiệm {t}", NameEn = $"Test topic {t}", SortOrder = 200 + t }).ToList();
            db.Topics.AddRange(topicRows);
            await db.SaveChangesAsync();
            for (var c = 0; c < merged; c++)
                db.OrgUnitSuccessions.Add(new OrgUnitSuccession
                {
                    PredecessorId = created[c].Commune.Id, SuccessorId = created[merged + c / 2].Commune.Id, Kind = SuccessionKind.MergedInto, EffectiveOn = Reform,
                });
            await db.SaveChangesAsync();
            departments.AddRange(deps.Select(d => d.Id));
            communes.AddRange(created.Select(c => (c.Commune.Id, c.Branches.Select(b => b.Id).ToArray())));
            topics.AddRange(topicRows.Select(t => t.Id));
        }
        var units = await WithDb(services, db => db.OrgUnits.CountAsync());

        var sessionCount = (items + ItemsPerSession - 1) / ItemsPerSession;
        Console.WriteLine($"{sessionCount:N0} sessions …");
        var sessions = new (int Id, int Host, int Branch, DateTime At)[sessionCount];
        var mergedCount = communes.Count / 10;
        for (var first = 0; first < sessionCount; first += 2_000)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = new List<(int Index, DialogueSession Session, int Host, int Branch)>();
            for (var s = first; s < Math.Min(sessionCount, first + 2_000); s++)
            {
                var at = FirstDay.AddDays(3_650.0 * s / sessionCount);
                // After the reform the merged communes hold no more sessions: their successors do.
                var c = s % communes.Count;
                if (c < mergedCount && DateOnly.FromDateTime(at) >= Reform) c = mergedCount + c / 2;
                var (host, branches) = communes[c];
                var branch = branches[s / communes.Count % branches.Length];
                var session = DialogueSession.Plan(new SessionDetails($"Hội nghị đối thoại thử nghiệm {s + 1}", host, branch, null, at, "Hội trường", null, null, null, []), actor, at.AddDays(-7));
                session.Hold(50, null, actor, at);
                batch.Add((s, session, host, branch));
            }
            db.Sessions.AddRange(batch.Select(b => b.Session));
            await db.SaveChangesAsync();
            foreach (var b in batch) sessions[b.Index] = (b.Session.Id, b.Host, b.Branch, b.Session.StartsAtUtc);
        }

        Console.WriteLine($"{items:N0} items …");
        var watch = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
            var sessionIds = sessions.Select(x => x.Id).ToArray();
            var topicFirst = Contiguous(topics, "topics");
            var departmentFirst = Contiguous(departments, "departments");
            var sessionFirst = Contiguous(sessionIds.ToList(), "sessions");
            await db.Database.ExecuteSqlRawAsync(ItemsSql(provider, sessionFirst, sessionIds.Length, items, topicFirst, departmentFirst));
            Console.WriteLine($"Items written in {watch.Elapsed.TotalSeconds:F1} s; analysing …");
            // Fresh statistics for the planner and, on PostgreSQL, the visibility map that index-only
            // scans need; autovacuum does the same in production after a while.
            await db.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE \"Items\"" : "ANALYZE");
        }
        Console.WriteLine($"Items written and analysed in {watch.Elapsed.TotalSeconds:F1} s.");
        return new Manifest(items, units, provider.ToString(), root, communes[mergedCount].Id, 0);
    }

    /// <summary>The first id of rows saved in one go; the SQL below counts on consecutive ids.</summary>
    private static int Contiguous(List<int> ids, string what) =>
        ids.Count > 0 && ids.Max() - ids.Min() + 1 == ids.Count ? ids.Min() : throw new InvalidOperationException($"The {what} did not get consecutive ids.");

    /// <summary>
    /// Items written by the database itself from the sessions and a series 1–50, each column a fixed
    /// function of the item's number x (multiplicative hashes), so both providers write the same data:
    /// 70% classified under one of the topics; 15% answered at the session; 45% assigned to one of the
    /// departments with a deadline 15–45 days on, 85% of those answered 5–60 days after raising (when
    /// that day has come), approved, published or closed; the rest received or classified only.
    /// </summary>
    private static string ItemsSql(DatabaseProvider provider, int sessionFirst, int sessionCount, int items, int topicFirst, int departmentFirst)
    {
        var postgres = provider == DatabaseProvider.Postgres;
        string Days(string at, string days) => postgres ? $"({at} + ({days}) * interval '1 day')" : $"datetime({at}, '+' || ({days}) || ' days')";
        string Minutes(string at, string minutes) => postgres ? $"({at} + ({minutes}) * interval '1 minute')" : $"datetime({at}, '+' || ({minutes}) || ' minutes')";
        string DateOf(string at) => postgres ? $"(({at}) AT TIME ZONE 'UTC')::date" : $"date({at})";
        var now = postgres ? "now()" : "datetime('now')";
        var series = postgres ? "generate_series(1, 50) AS n(n)" : "(WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 50) SELECT n FROM k) AS n";
        var big = postgres ? "::bigint" : "";
        var x = $"((s.\"Id\"{big} - {sessionFirst}) * 50 + n.n - 1)";
        var raised = Minutes("s.\"StartsAtUtc\"", "n.n");
        var classified = $"({x} * 7919 % 1000 < 700)";
        var roll = $"({x} * 104729 % 1000)";
        var assigned = $"({roll} >= 150 AND {roll} < 600 AND {classified})";
        var answeredAt = Days(raised, $"5 + {x} * 11 % 55");
        var answered = $"({assigned} AND {x} * 1299709 % 1000 < 850 AND {answeredAt} < {now})";
        var atSession = $"({roll} < 150)";
        var outcome = $"(CASE {x} * 13 % 4 WHEN 0 THEN 'Resolved' WHEN 1 THEN 'Explained' WHEN 2 THEN 'Scheduled' ELSE 'CannotResolveNow' END)";
        return $"""
            INSERT INTO "Items" ("SessionId", "Number", "Kind", "Stage", "SpeakerName", "OnBehalfOfUnitId", "TopicId", "Urgency", "Confidentiality", "Text",
                "Status", "Outcome", "AnsweredAtUtc", "ApprovedAtUtc", "RaisedAtUtc", "CurrentLeadUnitId", "CurrentDueOn")
            SELECT s."Id", n.n,
                CASE {x} % 4 WHEN 0 THEN 'Opinion' WHEN 1 THEN 'Recommendation' WHEN 2 THEN 'Reflection' ELSE 'Proposal' END,
                'AtSession', 'Đảng viên dự hội nghị',
                CASE WHEN {x} * 3 % 10 < 6 THEN s."ParticipantUnitId" END,
                CASE WHEN {classified} THEN {topicFirst} + {x} * 31 % {Topics} END,
                'Normal', CASE WHEN {x} % 50 = 0 THEN 'Restricted' ELSE 'Public' END,
                'Ý kiến thử nghiệm số ' || ({x} + 1),
                CASE WHEN {atSession} THEN (CASE WHEN {x} % 2 = 0 THEN 'AnsweredAtSession' ELSE 'Closed' END)
                     WHEN {answered} THEN (CASE {x} % 3 WHEN 0 THEN 'Approved' WHEN 1 THEN 'Published' ELSE 'Closed' END)
                     WHEN {assigned} THEN (CASE WHEN {x} % 10 < 7 THEN 'InProgress' ELSE 'Assigned' END)
                     WHEN {classified} THEN 'Classified' ELSE 'Received' END,
                CASE WHEN {atSession} OR {answered} THEN {outcome} END,
                CASE WHEN {atSession} THEN {Minutes(raised, "20")} WHEN {answered} THEN {Days(answeredAt, "-2")} END,
                CASE WHEN {answered} THEN {answeredAt} END,
                {raised},
                CASE WHEN {assigned} THEN {departmentFirst} + {x} * 17 % {Departments} END,
                CASE WHEN {assigned} THEN {DateOf(Days(raised, $"15 + {x} * 7 % 31"))} END
            FROM "Sessions" s CROSS JOIN {series}
            WHERE s."Id" >= {sessionFirst} AND s."Id" < {sessionFirst + sessionCount} AND {x} < {items}
            """;
    }

    private static async Task<T> WithDb<T>(IServiceProvider services, Func<AppDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
