using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Search;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DoiThoai.Web.Cli;

/// <summary>What a backup holds, written as manifest.json at the start of the archive.</summary>
public sealed record BackupManifest(
    int Format, string AppVersion, string Provider, DateTime CreatedAtUtc, string? LastMigration,
    string DatabaseEntry, IReadOnlyDictionary<string, TableChecksum> Tables, IReadOnlyList<BackupFile> Files)
{
    public const int CurrentFormat = 1;
    public const string EntryName = "manifest.json";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

public sealed record BackupFile(string Path, long Length, string Sha256);

/// <summary>Rows of a table and a SHA-256 over their key columns in id order.</summary>
public sealed record TableChecksum(long Rows, string Sha256);

/// <summary>
/// `backup --out FILE` and `restore --from FILE [--force]` (ADR 0018). A backup is one .tar.gz:
/// the manifest (app and schema version, row counts and checksums of the key tables, every file
/// with its SHA-256), the database — a SQLite copy made with the online backup API, or a
/// `pg_dump -Fc` — and the files of the data folder (attachments, portal photos and documents,
/// data-protection keys). The search index is left out: it is rebuilt from the database.
/// The database is copied first and the files after: an attachment is stored before the row that
/// names it commits, so every file the copy names is already there when the files are read.
/// </summary>
public static class Backup
{
    public const string BackupUsage = "backup --out FILE.tar.gz";
    public const string RestoreUsage = "restore --from FILE.tar.gz [--force]";
    private const string FilesPrefix = "files/";

    public static async Task<int> BackupAsync(IServiceProvider services, string[] args)
    {
        if (AccountCommands.Option(args, "--out") is not { } output) return AccountCommands.Fail($"Cách dùng / usage: {BackupUsage}");
        var db = services.GetRequiredService<AppDbContext>();
        var config = services.GetRequiredService<IConfiguration>();
        // The uploaded files: the data folder unless Storage:FilesPath shares them between nodes (ADR 0020).
        var filesPath = DatabaseSetup.FilesPath(config, services.GetRequiredService<IHostEnvironment>());
        var work = Directory.CreateTempSubdirectory("doithoai-backup-");
        try
        {
            string dumpPath;
            Dictionary<string, TableChecksum> tables;
            if (db.Database.IsNpgsql())
            {
                dumpPath = Path.Combine(work.FullName, "doithoai.pgdump");
                tables = await PgDumpAsync(db, ConnectionString(config), dumpPath);
            }
            else
            {
                dumpPath = Path.Combine(work.FullName, "doithoai.sqlite");
                await using (var source = new SqliteConnection(db.Database.GetConnectionString()))
                await using (var copy = new SqliteConnection($"Data Source={dumpPath};Pooling=False"))
                {
                    // One consistent page-by-page copy, while the app goes on writing (WAL).
                    await source.OpenAsync();
                    source.BackupDatabase(copy);
                }
                await using var snapshot = SqliteContext(dumpPath);
                tables = await TableChecksums.ComputeAsync(snapshot);
            }
            var files = DataFiles(filesPath).ToList();
            var manifest = new BackupManifest(
                BackupManifest.CurrentFormat, AppVersion(), db.Database.IsNpgsql() ? "Postgres" : "Sqlite", DateTime.UtcNow,
                (await db.Database.GetAppliedMigrationsAsync()).LastOrDefault(),
                "database/" + Path.GetFileName(dumpPath), tables,
                [.. files.Select(f => new BackupFile(f.Relative, new FileInfo(f.Full).Length, Sha256Of(f.Full)))]);

            var full = Path.GetFullPath(output);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var partial = full + ".partial";
            await using (var stream = File.Create(partial))
            await using (var gzip = new GZipStream(stream, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                var manifestEntry = new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName)
                {
                    DataStream = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json)),
                };
                await tar.WriteEntryAsync(manifestEntry);
                await tar.WriteEntryAsync(dumpPath, manifest.DatabaseEntry);
                foreach (var file in files) await tar.WriteEntryAsync(file.Full, FilesPrefix + file.Relative);
            }
            // Only a finished archive takes the name: a crash mid-way leaves no truncated backup behind.
            File.Move(partial, full, overwrite: true);
            Console.WriteLine($"Đã sao lưu vào {full}: {tables.GetValueOrDefault("Items")?.Rows ?? 0:N0} ý kiến, {files.Count:N0} tệp. Backup written.");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, string[] args)
    {
        if (AccountCommands.Option(args, "--from") is not { } input || !File.Exists(input))
            return AccountCommands.Fail($"Cách dùng / usage: {RestoreUsage} (không tìm thấy tệp / file not found)");
        var force = args.Contains("--force");
        var db = services.GetRequiredService<AppDbContext>();
        var config = services.GetRequiredService<IConfiguration>();
        var dataPath = DatabaseSetup.DataPath(config, services.GetRequiredService<IHostEnvironment>());
        var filesPath = DatabaseSetup.FilesPath(config, services.GetRequiredService<IHostEnvironment>());
        var provider = db.Database.IsNpgsql() ? "Postgres" : "Sqlite";

        var work = Directory.CreateTempSubdirectory("doithoai-restore-");
        try
        {
            await ExtractAsync(input, work.FullName);
            var manifestPath = Path.Combine(work.FullName, BackupManifest.EntryName);
            if (!File.Exists(manifestPath)) return AccountCommands.Fail("Tệp không phải bản sao lưu DoiThoai (thiếu manifest.json). Not a DoiThoai backup.");
            var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllBytesAsync(manifestPath), BackupManifest.Json)!;
            if (manifest.Format != BackupManifest.CurrentFormat)
                return AccountCommands.Fail($"Định dạng sao lưu {manifest.Format} không được hỗ trợ. Unsupported backup format.");
            if (manifest.Provider != provider)
                return AccountCommands.Fail($"Bản sao lưu của {manifest.Provider}, cơ sở dữ liệu hiện tại là {provider}. The backup is of another database provider.");
            var dataRoot = Path.GetFullPath(filesPath) + Path.DirectorySeparatorChar;
            foreach (var file in manifest.Files)
            {
                // A manifest naming ../ paths must not place files outside the data folder.
                if (!Path.GetFullPath(Path.Combine(filesPath, file.Path)).StartsWith(dataRoot, StringComparison.Ordinal))
                    return AccountCommands.Fail($"Đường dẫn không hợp lệ trong bản sao lưu: {file.Path}. Unsafe path in the backup.");
                var path = Path.Combine(work.FullName, FilesPrefix + file.Path);
                if (!File.Exists(path) || Sha256Of(path) != file.Sha256)
                    return AccountCommands.Fail($"Tệp {file.Path} trong bản sao lưu bị thiếu hoặc hỏng. A file of the backup is missing or damaged.");
            }
            if (!force && await HoldsDataAsync(db))
                return AccountCommands.Fail("Cơ sở dữ liệu đích đã có dữ liệu; thêm --force để ghi đè. The target database is not empty; add --force to overwrite it.");

            var dump = Path.Combine(work.FullName, manifest.DatabaseEntry);
            if (db.Database.IsNpgsql()) await PgRestoreAsync(ConnectionString(config), dump);
            else
            {
                SqliteConnection.ClearAllPools();
                await using var source = new SqliteConnection($"Data Source={dump};Pooling=False");
                await using var target = new SqliteConnection(db.Database.GetConnectionString());
                await source.OpenAsync();
                source.BackupDatabase(target);
            }
            // Verified against the checksums taken when the backup was made (by this schema: an
            // older backup is brought up to date below, and its columns may differ until then).
            var verified = manifest.LastMigration == db.Database.GetMigrations().LastOrDefault();
            if (verified)
            {
                db.ChangeTracker.Clear();
                var restored = await TableChecksums.ComputeAsync(db);
                var differing = manifest.Tables.Where(t => !restored.TryGetValue(t.Key, out var r) || r != t.Value).Select(t => t.Key).ToList();
                if (differing.Count > 0)
                    return AccountCommands.Fail($"Dữ liệu khôi phục khác bản sao lưu ở bảng {string.Join(", ", differing)}. Restored tables differ from the backup.");
            }

            foreach (var file in manifest.Files)
            {
                var to = Path.Combine(filesPath, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(Path.Combine(work.FullName, FilesPrefix + file.Path), to, overwrite: true);
            }
            // The index of another database: built again from this one on the next start.
            var index = Path.Combine(dataPath, SearchIndex.FolderName);
            if (Directory.Exists(index)) Directory.Delete(index, recursive: true);
            await DatabaseSetup.MigrateAsync(db);
            Console.WriteLine(verified
                ? $"Đã khôi phục từ {input} (sao lưu lúc {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm} UTC, {manifest.Files.Count:N0} tệp); dữ liệu khớp bản sao lưu. Restored and verified."
                : $"Đã khôi phục từ {input} (lược đồ {manifest.LastMigration}) và cập nhật lược đồ. Restored and migrated.");
            return 0;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Accounts, sessions or items: an empty schema, or no schema at all, holds no data.</summary>
    private static async Task<bool> HoldsDataAsync(AppDbContext db)
    {
        if (!await db.Database.CanConnectAsync()) return false;
        if (!(await db.Database.GetAppliedMigrationsAsync()).Any()) return false;
        return await db.Users.AnyAsync() || await db.Sessions.AnyAsync() || await db.Items.AnyAsync();
    }

    /// <summary>The files of the data folder but the database and the search index, with paths relative to it.</summary>
    private static IEnumerable<(string Full, string Relative)> DataFiles(string dataPath)
    {
        if (!Directory.Exists(dataPath)) yield break;
        foreach (var full in Directory.EnumerateFiles(dataPath, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dataPath, full).Replace('\\', '/');
            // The index is rebuilt; uploads/tmp holds files still being received, not yet anyone's;
            // imports/ holds sheets waiting for their confirmation, gone within a day.
            if (relative.StartsWith(SearchIndex.FolderName + "/", StringComparison.Ordinal) || relative.StartsWith("uploads/tmp/", StringComparison.Ordinal)
                || relative.StartsWith(ImportItemsModel.ImportsFolder + "/", StringComparison.Ordinal)) continue;
            if (relative.StartsWith("doithoai.db", StringComparison.Ordinal) || relative.EndsWith(".partial", StringComparison.Ordinal)) continue;
            yield return (full, relative);
        }
    }

    private static async Task ExtractAsync(string archive, string folder)
    {
        await using var stream = File.OpenRead(archive);
        await using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        await using var tar = new TarReader(gzip);
        var root = Path.GetFullPath(folder) + Path.DirectorySeparatorChar;
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
            var to = Path.GetFullPath(Path.Combine(folder, entry.Name));
            // An archive naming ../ paths must not write outside the work folder.
            if (!to.StartsWith(root, StringComparison.Ordinal)) throw new InvalidDataException($"unsafe path in the archive: {entry.Name}");
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            await entry.ExtractToFileAsync(to, overwrite: true);
        }
    }

    /// <summary>
    /// pg_dump of the snapshot a repeatable-read transaction exported, whose checksums are taken in
    /// that same transaction: the manifest describes exactly what the dump holds.
    /// </summary>
    private static async Task<Dictionary<string, TableChecksum>> PgDumpAsync(AppDbContext db, string connectionString, string dumpPath)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync();
        var dump = RunPgToolAsync(connectionString, "pg_dump", ["-Fc", "--no-owner", "--no-acl", "--snapshot=" + snapshot, "-f", dumpPath]);
        var tables = await TableChecksums.ComputeAsync(db);
        await dump;
        await transaction.CommitAsync();
        return tables;
    }

    private static async Task PgRestoreAsync(string connectionString, string dumpPath)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        // A fresh server has no database of that name yet: pg_restore needs one to restore into.
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(maintenance.ConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = target.Database } } };
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        NpgsqlConnection.ClearAllPools();
        await RunPgToolAsync(connectionString, "pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction", "--exit-on-error", "-d", target.Database!, dumpPath]);
    }

    /// <summary>Runs pg_dump or pg_restore with the app's connection given through the PG* variables (no password on the command line).</summary>
    private static async Task RunPgToolAsync(string connectionString, string tool, string[] arguments)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(PgTool(tool), arguments) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (cs.Host is { } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cs.Username is { } user) start.Environment["PGUSER"] = user;
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (cs.Database is { } database) start.Environment["PGDATABASE"] = database;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} thoát với mã {process.ExitCode} / exited with {process.ExitCode}: {await stderr}{await stdout}");
    }

    /// <summary>
    /// The PostgreSQL client tool: DOITHOAI_PG_BIN if set, else the newest /usr/lib/postgresql/N/bin
    /// (the way test.sh finds its cluster's binaries; a newer pg_dump reads older servers), else PATH.
    /// </summary>
    private static string PgTool(string tool)
    {
        if (Environment.GetEnvironmentVariable("DOITHOAI_PG_BIN") is { Length: > 0 } bin) return Path.Combine(bin, tool);
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Path: Path.Combine(d, "bin", tool)))
                .Where(d => d.Version >= 0 && File.Exists(d.Path))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault()
            : null;
        return installed ?? tool;
    }

    /// <summary>The configured one: a connection the app opened no longer shows its password.</summary>
    private static string ConnectionString(IConfiguration config) =>
        config.GetConnectionString("Default") ?? throw new InvalidOperationException("ConnectionStrings:Default is required for PostgreSQL.");

    private static SqliteAppDbContext SqliteContext(string path) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite($"Data Source={path};Pooling=False").Options);

    private static string AppVersion() =>
        typeof(Backup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>
/// Row counts and checksums of the tables that matter most (accounts, sessions, items, their
/// history, tasks, attachments' metadata), computed the same way on either provider from the
/// columns that identify the content. A backup records them; a restore checks them; tests compare.
/// </summary>
public static class TableChecksums
{
    public static async Task<Dictionary<string, TableChecksum>> ComputeAsync(AppDbContext db, int? maxItemId = null)
    {
        var itemLimit = maxItemId ?? int.MaxValue;
        return new Dictionary<string, TableChecksum>
        {
            ["Users"] = Of(await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new object?[] { u.Id, u.UserName, u.PasswordHash, u.OrgUnitId }).ToListAsync()),
            ["Sessions"] = Of(await db.Sessions.AsNoTracking().OrderBy(s => s.Id).Select(s => new object?[] { s.Id, s.Title, s.Status.ToString() }).ToListAsync()),
            ["Items"] = Of(await db.Items.AsNoTracking().Where(i => i.Id <= itemLimit).OrderBy(i => i.Id)
                .Select(i => new object?[] { i.Id, i.SessionId, i.Number, i.Text, i.Status.ToString(), i.Answer, i.Version }).ToListAsync()),
            ["History"] = Of(await db.History.AsNoTracking().Where(h => h.ItemId == null || h.ItemId <= itemLimit).OrderBy(h => h.Id)
                .Select(h => new object?[] { h.Id, h.ItemId, h.Action, h.Note }).ToListAsync()),
            ["Tasks"] = Of(await db.Tasks.AsNoTracking().OrderBy(t => t.Id).Select(t => new object?[] { t.Id, t.Title, t.Progress, t.Status.ToString(), t.Version }).ToListAsync()),
            ["Attachments"] = Of(await db.Attachments.AsNoTracking().Where(a => a.ItemId <= itemLimit).OrderBy(a => a.Id)
                .Select(a => new object?[] { a.Id, a.ItemId, a.Sha256, a.Length }).ToListAsync()),
        };
    }

    private static TableChecksum Of(List<object?[]> rows)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var row in rows)
        {
            var line = string.Join('\u001f', row.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "\u2400")) + "\n";
            hash.AppendData(Encoding.UTF8.GetBytes(line));
        }
        return new TableChecksum(rows.Count, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
