using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>One item of an import: the session it belongs to, what was raised, and when (now if null).</summary>
public sealed record ImportRow(int SessionId, ItemDetails Details, DateTime? RaisedAtUtc = null);

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
        IEnumerable<ImportRow> rows, Actor actor, int itemsPerBatch = DefaultItemsPerBatch, CancellationToken cancellationToken = default)
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
            if (batch.Count == itemsPerBatch) await WriteAsync(writer, batch, ids, now, cancellationToken);
        }
        await WriteAsync(writer, batch, ids, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        SearchChangeInterceptor.NoteLocalWrite(); // the rows bypass EF's SaveChanges, where this is counted otherwise
        return [.. ids];
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

/// <summary>The `import-items --session ID FILE` operator verb.</summary>
public static class ImportItemsCommand
{
    public const string Usage = "import-items --session ID FILE";
    /// <summary>Written as the speaker of a line that names nobody (an item needs a speaker).</summary>
    public const string UnnamedSpeaker = "Không ghi tên";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 3 || args[0] != "--session" || !int.TryParse(args[1], out var sessionId))
            return Fail($"Cách dùng / usage: {Usage}");
        var path = args[2];
        if (!File.Exists(path)) return Fail($"Không tìm thấy tệp '{path}'. File not found.");
        IReadOnlyList<ImportLine> lines;
        try
        {
            lines = ImportFile.Parse(await File.ReadAllBytesAsync(path));
        }
        catch (DomainValidationException e)
        {
            return Fail($"{path}: {e.Message}");
        }

        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId);
        if (session is null) return Fail($"Không tìm thấy hội nghị số {sessionId}. Unknown session.");
        RaisedStage[] stages = [RaisedStage.AtSession, RaisedStage.BeforeSession, RaisedStage.AfterSession];
        if (stages.Where(session.AcceptsItemsAt).Select(s => (RaisedStage?)s).FirstOrDefault() is not { } stage)
            return Fail($"Hội nghị số {sessionId} ({session.Status}) không nhận thêm ý kiến. The session takes no more items.");

        var rows = lines.Select(l => new ImportRow(sessionId, new ItemDetails(
            ItemKind.Opinion, stage, null, l.Speaker ?? UnnamedSpeaker, null, null, Urgency.Normal, Confidentiality.Internal, l.Text)));
        var ids = await services.GetRequiredService<ItemImport>().ImportAsync(rows, new Actor(null, $"Nhập từ tệp {Path.GetFileName(path)}"));
        Console.WriteLine($"Đã nhập {ids.Length:N0} ý kiến vào hội nghị số {sessionId}. Imported {ids.Length:N0} items.");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
