using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using DoiThoai.Web.Features.Spreadsheets;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>One item of an import: the session it belongs to, what was raised, and when (now if null).</summary>
public sealed record ImportRow(int SessionId, ItemDetails Details, DateTime? RaisedAtUtc = null);

/// <summary>
/// What a caller of <see cref="ItemImport"/> does along the way: <paramref name="BatchWritten"/> after
/// each batch with the rows written so far (the transaction still open), and
/// <paramref name="BeforeCommit"/> with the new ids as the last step inside the transaction, on the
/// import's own DbContext, so what it writes commits with the items or not at all.
/// </summary>
public sealed record ImportSteps(Func<int, Task>? BatchWritten = null, Func<AppDbContext, int[], Task>? BeforeCommit = null);

/// <summary>
/// Records many items at once (the lists offices keep in Excel or Word today, and the benchmark data).
/// Each item is built by <see cref="Item.Raise"/> like one recorded on the page, so it gets the next
/// number of its session and the "raise" history entry; <see cref="ItemRowWriter"/> writes it with
/// its search change-log row in the storage form, the rows SaveChanges would write, only without
/// EF's per-row cost. One transaction around the whole import: a failure leaves nothing half-written,
/// and the search index picks the items up from the change log as usual.
/// </summary>
public sealed class ItemImport(AppDbContext db, TimeProvider clock)
{
    public const int DefaultItemsPerBatch = 10_000;

    /// <summary>Imports the rows in order and returns the new items' ids in the same order.</summary>
    public async Task<int[]> ImportAsync(
        IEnumerable<ImportRow> rows, Actor actor, int itemsPerBatch = DefaultItemsPerBatch, ImportSteps? steps = null,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var ids = new List<int>();
        var sessions = new Dictionary<int, (DialogueSession Session, int Next)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await using var writer = ItemRowWriter.For(db);
        var batch = new List<Item>(itemsPerBatch);
        foreach (var row in rows)
        {
            if (!sessions.TryGetValue(row.SessionId, out var at))
            {
                var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == row.SessionId, cancellationToken)
                    ?? throw new NotFoundException($"Không tìm thấy hội nghị số {row.SessionId}.");
                var last = await db.Items.Where(i => i.SessionId == row.SessionId).MaxAsync(i => (int?)i.Number, cancellationToken) ?? 0;
                at = (session, last + 1);
            }
            sessions[row.SessionId] = (at.Session, at.Next + 1);
            batch.Add(Item.Raise(at.Session, at.Next, row.Details, actor, row.RaisedAtUtc ?? now));
            if (batch.Count == itemsPerBatch)
            {
                await WriteAsync(writer, batch, ids, now, cancellationToken);
                if (steps?.BatchWritten is { } batchWritten) await batchWritten(ids.Count);
            }
        }
        await WriteAsync(writer, batch, ids, now, cancellationToken);
        int[] result = [.. ids];
        // The rows bypass SaveChanges, which writes the page versions otherwise (ADR 0023).
        await SessionPageVersions.WriteAsync(db, sessions.Keys, reference: false, cancellationToken);
        if (steps?.BeforeCommit is { } beforeCommit) await beforeCommit(db, result);
        await transaction.CommitAsync(cancellationToken);
        SearchChangeInterceptor.NoteLocalWrite(); // the rows bypass EF's SaveChanges, where this is counted otherwise
        return result;
    }

    private static async Task WriteAsync(ItemRowWriter writer, List<Item> batch, List<int> ids, DateTime now, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var reserved = await writer.ReserveIdsAsync(batch.Count, cancellationToken);
        await writer.WriteAsync([.. reserved.Zip(batch)], now, cancellationToken);
        ids.AddRange(reserved);
        batch.Clear();
    }
}

/// <summary>
/// The `import-items --session ID FILE [--encoding utf-8|windows-1258]` operator verb: a text file
/// (one item per line, <see cref="ImportFile"/>) or a sheet (.xlsx or .csv with the web import's
/// headers, <see cref="ItemSheetImport"/>), all or nothing.
/// </summary>
public static class ImportItemsCommand
{
    public const string Usage = "import-items --session ID FILE [--encoding utf-8|windows-1258] (FILE: .txt, .xlsx or .csv)";
    /// <summary>Written as the speaker of a line that names nobody (an item needs a speaker).</summary>
    public const string UnnamedSpeaker = "Không ghi tên";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (Options(args, "--session", "--encoding") is not { } options || options.Positional.Count != 1 || !int.TryParse(options.Named.GetValueOrDefault("--session"), out var sessionId))
            return Fail($"Cách dùng / usage: {Usage}");
        var encoding = options.Named.GetValueOrDefault("--encoding")?.ToLowerInvariant() switch
        {
            null or "utf-8" or "utf8" => (CsvEncoding?)CsvEncoding.Utf8,
            "windows-1258" or "cp1258" => CsvEncoding.Windows1258,
            _ => null,
        };
        if (encoding is null) return Fail($"Cách dùng / usage: {Usage}");
        var path = options.Positional[0];
        if (!File.Exists(path)) return Fail($"Không tìm thấy tệp '{path}'. File not found.");
        var isSheet = SheetReader.IsXlsx(path) || SheetReader.IsCsv(path);
        IReadOnlyList<ImportLine> lines = [];
        List<SheetRow> sheet = [];
        try
        {
            if (isSheet)
            {
                await using var file = File.OpenRead(path);
                sheet = SheetReader.Read(file, path, ItemSheetImport.MaxRows, encoding.Value);
            }
            else lines = ImportFile.Parse(await File.ReadAllBytesAsync(path));
        }
        catch (DomainValidationException e)
        {
            return Fail($"{path}: {e.Message}");
        }

        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null) return Fail($"Không tìm thấy hội nghị số {sessionId}. Unknown session.");
        if (ItemSheetImport.StageFor(session) is not { } stage)
            return Fail($"Hội nghị số {sessionId} ({session.Status}) không nhận thêm ý kiến. The session takes no more items.");

        IEnumerable<ImportRow> rows;
        if (isSheet)
        {
            ImportSheet checkedSheet;
            try
            {
                checkedSheet = await ItemSheetImport.CheckAsync(sheet, session, db);
            }
            catch (DomainValidationException e)
            {
                return Fail($"{path}: {e.Message}");
            }
            if (!checkedSheet.IsValid)
            {
                var problems = checkedSheet.FileProblems.Concat(checkedSheet.Rows.Where(r => !r.IsValid)
                    .Select(r => $"Dòng {r.RowNumber}: {string.Join("; ", r.Problems)}"));
                return Fail($"{path}: không nhập gì / nothing imported:\n" + string.Join("\n", problems));
            }
            rows = checkedSheet.ToImportRows(sessionId);
        }
        else
        {
            rows = lines.Select(l => new ImportRow(sessionId, new ItemDetails(
                ItemKind.Opinion, stage, null, l.Speaker ?? UnnamedSpeaker, null, null, Urgency.Normal, Confidentiality.Internal, l.Text)));
        }
        var ids = await services.GetRequiredService<ItemImport>().ImportAsync(rows, new Actor(null, $"Nhập từ tệp {Path.GetFileName(path)}"));
        Console.WriteLine($"Đã nhập {ids.Length:N0} ý kiến vào hội nghị số {sessionId}. Imported {ids.Length:N0} items.");
        return 0;
    }

    /// <summary>Options given as "--name value" (only the known names) and the remaining arguments; null if one lacks its value.</summary>
    public static (Dictionary<string, string> Named, List<string> Positional)? Options(string[] args, params string[] names)
    {
        var named = new Dictionary<string, string>();
        var positional = new List<string>();
        for (var k = 0; k < args.Length; k++)
        {
            if (names.Contains(args[k]))
            {
                if (k + 1 >= args.Length) return null;
                named[args[k]] = args[++k];
            }
            else positional.Add(args[k]);
        }
        return (named, positional);
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
