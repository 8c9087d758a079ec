using System.Globalization;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Spreadsheets;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// The `export-items` operator verb: the items of one session, or of every session a unit hosts,
/// as the .xlsx sheet of the items list (<see cref="ItemSheet"/>) or the same columns as CSV
/// (UTF-8 with a BOM, so Excel shows the marks). The operator works on the database itself, so
/// nothing is filtered by reader: restricted items are included.
/// </summary>
public static class ExportItemsCommand
{
    public const string Usage = "export-items --session ID|--unit ID --format xlsx|csv --out FILE";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var options = ImportItemsCommand.Options(args, "--session", "--unit", "--format", "--out");
        if (options is not { Positional.Count: 0 } o || !o.Named.TryGetValue("--out", out var path)
            || o.Named.GetValueOrDefault("--format") is not ("xlsx" or "csv")
            || o.Named.ContainsKey("--session") == o.Named.ContainsKey("--unit"))
            return ImportItemsCommand.Fail($"Cách dùng / usage: {Usage}");
        var byUnit = o.Named.TryGetValue("--unit", out var unitText);
        if (!int.TryParse(byUnit ? unitText : o.Named["--session"], out var id)) return ImportItemsCommand.Fail($"Cách dùng / usage: {Usage}");

        var db = services.GetRequiredService<AppDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        if (byUnit ? !await db.OrgUnits.AnyAsync(u => u.Id == id) : !await db.Sessions.AnyAsync(s => s.Id == id))
            return ImportItemsCommand.Fail(byUnit ? $"Không tìm thấy đơn vị số {id}. Unknown unit." : $"Không tìm thấy hội nghị số {id}. Unknown session.");
        var items = byUnit
            ? ItemFilter.Ordered(db.Items.Where(i => i.Session!.HostUnitId == id))
            : db.Items.Where(i => i.SessionId == id).OrderBy(i => i.Number);

        var count = 0;
        async IAsyncEnumerable<IReadOnlyList<object?>> Counted()
        {
            await foreach (var row in ItemSheet.Rows(items))
            {
                count++;
                yield return row;
            }
        }
        try
        {
            await using var file = File.Create(path);
            if (o.Named["--format"] == "xlsx") await XlsxWriter.WriteAsync(file, "Ý kiến, kiến nghị", ItemSheet.Columns, Counted());
            else
            {
                await using var csv = new CsvWriter(file, byteOrderMark: true);
                await csv.WriteRowAsync(ItemSheet.Columns.Select(c => c.Header));
                await foreach (var row in Counted()) await csv.WriteRowAsync(row.Select(Text));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ImportItemsCommand.Fail($"Không ghi được tệp '{path}': {e.Message}");
        }
        Console.WriteLine($"Đã xuất {count:N0} ý kiến ra {path}. Exported {count:N0} items.");
        return 0;
    }

    private static string? Text(object? value) => value switch
    {
        DateOnly d => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
