using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DoiThoai.Web.Features.Items;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DoiThoai.Tests.Features.Operations;

/// <summary>
/// The app's executable is killed with SIGKILL (no shutdown code runs) in the middle of an import
/// and of merges, then started again: the database holds all of each operation or none of it, and
/// the search index catches up (issue 7, ADR 0018).
/// </summary>
public sealed class CrashSafetyTests(AppProcess app) : IClassFixture<AppProcess>
{
    private const int SeedSession = 1;

    private async Task<string> WriteFileAsync(IEnumerable<string> lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"doithoai-crash-{Guid.NewGuid():N}.txt");
        await File.WriteAllLinesAsync(path, lines, new UTF8Encoding(false));
        return path;
    }

    private async Task SeedAsync()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
    }

    private sealed record Snapshot(int Items, int History, int Changes, int Notifications);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = app.Db();
        return new Snapshot(await db.Items.CountAsync(), await db.History.CountAsync(), await db.SearchChanges.CountAsync(), await db.Notifications.CountAsync());
    }

    /// <summary>Numbers run 1…n in every session, every item has its history, no change row points nowhere.</summary>
    private async Task AssertConsistentAsync()
    {
        await using var db = app.Db();
        var numbers = await db.Items.GroupBy(i => i.SessionId)
            .Select(g => new { Session = g.Key, Count = g.Count(), Max = g.Max(i => i.Number), Distinct = g.Select(i => i.Number).Distinct().Count() })
            .ToListAsync();
        Assert.All(numbers, n => Assert.True(n.Count == n.Max && n.Count == n.Distinct, $"session {n.Session}: {n.Count} items numbered up to {n.Max}"));
        Assert.False(await db.Items.AnyAsync(i => !db.History.Any(h => h.ItemId == i.Id)), "an item without its history");
        Assert.False(await db.SearchChanges.AnyAsync(c => c.ItemId != null && !db.Items.Any(i => i.Id == c.ItemId)), "a change row without its item");
    }

    /// <summary>
    /// Whether another connection holds the import's write transaction open now: the SQLite write
    /// lock (the import's BEGIN IMMEDIATE), or PostgreSQL's row-exclusive lock on the items table.
    /// </summary>
    private async Task<bool> ImportTransactionOpenAsync()
    {
        await using var db = app.Db();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        if (connection is NpgsqlConnection)
        {
            command.CommandText = """
                SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                WHERE c.relname = 'Items' AND l.mode = 'RowExclusiveLock' AND l.granted AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                """;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }
        command.CommandTimeout = 1;
        command.CommandText = "BEGIN IMMEDIATE";
        try
        {
            await command.ExecuteNonQueryAsync();
            command.CommandText = "ROLLBACK";
            await command.ExecuteNonQueryAsync();
            return false;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // BUSY, LOCKED: the import writes
        {
            return true;
        }
    }

    private static async Task<HttpClient> SignInAsync(AppProcess.Running server)
    {
        var client = server.Client();
        var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "vanphong", password = AppFactory.DemoPassword });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<AppFactory.TokenResponse>())!.AccessToken;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<int> SearchTotalAsync(HttpClient client, string word) =>
        (await client.GetJsonAsync($"/api/v1/search?q={Uri.EscapeDataString(word)}"))["total"]!.GetValue<int>();

    [Fact]
    public async Task An_import_killed_midway_leaves_nothing_and_the_restarted_app_imports_and_indexes_again()
    {
        await SeedAsync();
        var before = await SnapshotAsync();
        var path = await WriteFileAsync(Enumerable.Range(1, 60_000).Select(n =>
            $"Người dự {n}\tÝ kiến gãyđổ số {n}: đề nghị xem xét chế độ cho cán bộ thôn, tổ dân phố và sửa đường liên xã {n % 97}"));
        try
        {
            using var import = await app.StartAsync("import-items", "--session", SeedSession.ToString(System.Globalization.CultureInfo.InvariantCulture), path);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (!await ImportTransactionOpenAsync())
            {
                Assert.False(import.Process.HasExited, "the import ended before it could be caught writing:\n" + import.Output);
                Assert.True(DateTime.UtcNow < deadline, "the import never started writing");
                await Task.Delay(50);
            }
            // Let it write a good part of the rows, then pull the plug.
            await Task.Delay(1_500);
            Assert.False(import.Process.HasExited, "the import finished before the kill:\n" + import.Output);
            await import.KillAsync();
            Assert.DoesNotContain("Imported", import.Output);
        }
        finally
        {
            File.Delete(path);
        }
        SqliteConnection.ClearAllPools();

        Assert.Equal(before, await SnapshotAsync());
        await AssertConsistentAsync();

        // Started again, the app serves; the rolled-back words are nowhere, a new import is found.
        using var server = await app.StartAsync();
        var client = await SignInAsync(server);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(0, await SearchTotalAsync(client, "gãyđổ"));
        var small = await WriteFileAsync(["Ý kiến phụchồi thứ nhất", "Ý kiến phụchồi thứ hai"]);
        try
        {
            var again = await app.RunAsync("import-items", "--session", "1", small);
            Assert.True(again.ExitCode == 0, again.Output);
        }
        finally
        {
            File.Delete(small);
        }
        var found = 0;
        for (var attempt = 0; attempt < 100 && found < 2; attempt++)
        {
            found = await SearchTotalAsync(client, "phụchồi");
            if (found < 2) await Task.Delay(200);
        }
        Assert.Equal(2, found);
        await server.KillAsync();
        SqliteConnection.ClearAllPools();
        Assert.Equal(before.Items + 2, (await SnapshotAsync()).Items);
        await AssertConsistentAsync();
    }

    [Fact]
    public async Task Merges_cut_by_a_kill_are_each_whole_or_absent()
    {
        await SeedAsync();
        var path = await WriteFileAsync(Enumerable.Range(1, 400).Select(n => $"Ý kiến trùng lặp về đường làng số {n}"));
        try
        {
            var import = await app.RunAsync("import-items", "--session", "1", path);
            Assert.True(import.ExitCode == 0, import.Output);
        }
        finally
        {
            File.Delete(path);
        }
        List<int> ids;
        await using (var db = app.Db())
            ids = await db.Items.Where(i => i.Text.StartsWith("Ý kiến trùng lặp về đường làng")).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var target = ids[0];

        using (var server = await app.StartAsync())
        {
            var client = await SignInAsync(server);
            var succeeded = 0;
            using var stop = new CancellationTokenSource();
            var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(ids.Skip(1));
            var workers = Enumerable.Range(0, 4).Select(async _ =>
            {
                while (!stop.IsCancellationRequested && queue.TryDequeue(out var id))
                {
                    try
                    {
                        var response = await client.PostAsJsonAsync($"/api/v1/items/{id}/actions/merge", new { targetItemId = target }, stop.Token);
                        if (response.IsSuccessStatusCode) Interlocked.Increment(ref succeeded);
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException) { return; }
                }
            }).ToList();
            while (Volatile.Read(ref succeeded) < 30 && !queue.IsEmpty) await Task.Delay(20);
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Assert.False(queue.IsEmpty, "every merge finished before the kill");
        }
        SqliteConnection.ClearAllPools();

        await using (var db = app.Db())
        {
            var rows = await db.Items.Where(i => ids.Contains(i.Id))
                .Select(i => new { i.Id, i.Status, i.MergedIntoItemId, i.Version, Merges = db.History.Count(h => h.ItemId == i.Id && h.Action == "merge") })
                .ToListAsync();
            var merged = rows.Where(r => r.Status == ItemStatus.Merged).ToList();
            Assert.True(merged.Count >= 30, $"only {merged.Count} merges saved");
            // Each merge is whole: the status, the link, its own history entry and version, the target's entry.
            Assert.All(rows, r => Assert.Equal(r.Status == ItemStatus.Merged, r.MergedIntoItemId == target));
            Assert.All(rows, r => Assert.Equal(r.Status == ItemStatus.Merged ? 1 : 0, r.Merges));
            Assert.All(merged, r => Assert.Equal(rows.Single(x => x.Id == target).Version + 1, r.Version));
            var mergeIns = await db.History.Where(h => h.ItemId == target && h.Action == "merge-in").Select(h => h.Note).ToListAsync();
            Assert.Equal(merged.Select(m => $"Gộp ý kiến #{m.Id} vào đây").Order(), mergeIns.Order());
            var changed = await db.SearchChanges.Where(c => c.ItemId != null && ids.Contains(c.ItemId.Value)).Select(c => c.ItemId!.Value).Distinct().ToListAsync();
            Assert.All(merged, m => Assert.Contains(m.Id, changed));
        }
        await AssertConsistentAsync();

        // The app comes back and goes on merging.
        using var restarted = await app.StartAsync();
        var again = await SignInAsync(restarted);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/health/ready")).StatusCode);
        await using (var db = app.Db())
        {
            var next = await db.Items.Where(i => ids.Contains(i.Id) && i.Id != target && i.Status != ItemStatus.Merged).Select(i => i.Id).FirstAsync();
            await again.PostJsonAsync($"/api/v1/items/{next}/actions/merge", new { targetItemId = target }, HttpStatusCode.OK);
        }
        await restarted.KillAsync();
    }
}
