using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DoiThoai.Web.Cli;

namespace DoiThoai.Tests.Features.Operations;

/// <summary>
/// `backup` while the app serves and writes, then `restore` into a fresh database and data folder:
/// the restored tables and files are those of the moment of the backup (ADR 0018).
/// </summary>
public sealed class BackupRestoreTests(AppProcess app) : IClassFixture<AppProcess>
{
    private static Dictionary<string, string> Sha256s(string dataPath) =>
        Directory.EnumerateFiles(dataPath, "*", SearchOption.AllDirectories)
            .Select(f => (Full: f, Relative: Path.GetRelativePath(dataPath, f).Replace('\\', '/')))
            .Where(f => !f.Relative.StartsWith("doithoai.db", StringComparison.Ordinal) && !f.Relative.StartsWith("search-index/", StringComparison.Ordinal))
            .ToDictionary(f => f.Relative, f => Backup.Sha256Of(f.Full));

    [Fact]
    public async Task A_backup_taken_during_writes_restores_into_an_empty_database_with_the_same_tables_and_files()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        // An attachment and a portal photo as their stores keep them (by SHA-256).
        Directory.CreateDirectory(Path.Combine(app.DataPath, "uploads", "ab"));
        await File.WriteAllBytesAsync(Path.Combine(app.DataPath, "uploads", "ab", "ab12"), [.. Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7))]);
        Directory.CreateDirectory(Path.Combine(app.DataPath, "portal", "photos", "cd"));
        await File.WriteAllTextAsync(Path.Combine(app.DataPath, "portal", "photos", "cd", "cd34.jpg"), "ảnh");
        int itemsBefore;
        await using (var db = app.Db()) itemsBefore = await db.Items.CountAsync();

        var archive = Path.Combine(app.DataPath, "..", Guid.NewGuid().ToString("N") + ".tar.gz");
        var target = Path.Combine(Path.GetTempPath(), "doithoai-restore", Guid.NewGuid().ToString("N"));
        try
        {
            using (var server = await app.StartAsync())
            {
                var client = server.Client();
                var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "vanphong", password = AppFactory.DemoPassword });
                var token = (await login.Content.ReadFromJsonAsync<AppFactory.TokenResponse>())!.AccessToken;
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var stop = new CancellationTokenSource();
                var written = 0;
                var writer = Task.Run(async () =>
                {
                    while (!stop.IsCancellationRequested)
                    {
                        var response = await client.PostAsJsonAsync("/api/v1/sessions/1/items",
                            new { kind = "opinion", stage = "atSession", speakerName = "Người dự", text = $"Ý kiến ghi trong lúc sao lưu {written}" });
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        written++;
                    }
                });
                while (Volatile.Read(ref written) < 5) await Task.Delay(20);
                var backup = await app.RunAsync("backup", "--out", archive);
                Assert.True(backup.ExitCode == 0, backup.Output);
                var during = Volatile.Read(ref written);
                while (Volatile.Read(ref written) < during + 5) await Task.Delay(20);
                await stop.CancelAsync();
                await writer;
                await server.KillAsync();
            }

            var into = new Dictionary<string, string> { ["Storage__DataPath"] = target };
            if (app.SecondPostgresConnection is { } second) into["ConnectionStrings__Default"] = second;
            var restore = await app.RunAsync(into, null, "restore", "--from", archive);
            Assert.True(restore.ExitCode == 0, restore.Output);
            Assert.Contains("Restored and verified", restore.Output);

            await using var source = app.Db();
            await using var restored = AppProcess.Db(target, app.SecondPostgresConnection);
            var restoredItems = await restored.Items.CountAsync();
            var sourceItems = await source.Items.CountAsync();
            // Some of the writes made it into the backup, the later ones did not; the rest is the same row for row.
            Assert.InRange(restoredItems, itemsBefore + 5, sourceItems - 5);
            var maxItem = await restored.Items.MaxAsync(i => i.Id);
            Assert.Equal(await TableChecksums.ComputeAsync(source, maxItem), await TableChecksums.ComputeAsync(restored));
            var files = Sha256s(app.DataPath);
            Assert.Contains("uploads/ab/ab12", files.Keys);
            Assert.Contains("portal/photos/cd/cd34.jpg", files.Keys);
            Assert.Equal(files, Sha256s(target));

            // Now the target holds data: a second restore needs --force.
            var again = await app.RunAsync(into, null, "restore", "--from", archive);
            Assert.Equal(2, again.ExitCode);
            Assert.Contains("--force", again.Output);
            var forced = await app.RunAsync(into, null, "restore", "--from", archive, "--force");
            Assert.True(forced.ExitCode == 0, forced.Output);
        }
        finally
        {
            File.Delete(archive);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(target, recursive: true); } catch (IOException) { }
        }
    }
}
