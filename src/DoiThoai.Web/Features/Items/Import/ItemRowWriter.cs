using System.Data.Common;
using DoiThoai.Text;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Search;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>
/// Writes new items, their history entries and their search change-log rows straight through the
/// provider (one reused prepared INSERT per table on SQLite, binary COPY on PostgreSQL), because at
/// hundreds of thousands of items EF's change tracking and per-row SQL cost more than the database
/// itself. Columns, value conversions (enums as text) and table names come from the EF model, and
/// every string is put into storage form as <see cref="StorageFormInterceptor"/> would, so the rows
/// are the ones SaveChanges writes. Ids of items are reserved up front so history and change rows
/// can point at them.
/// </summary>
internal abstract class ItemRowWriter(AppDbContext db) : IAsyncDisposable
{
    protected readonly Table Items = Table.Of<Item>(db, withKey: true);
    protected readonly Table History = Table.Of<HistoryEntry>(db, withKey: false);
    protected readonly Table Changes = Table.Of<SearchChange>(db, withKey: false);

    public static ItemRowWriter For(AppDbContext db) =>
        db.Database.GetDbConnection() is NpgsqlConnection ? new PostgresRows(db) : new SqliteRows(db);

    /// <summary>The next <paramref name="count"/> ids of the items table, for rows written by this transaction.</summary>
    public abstract Task<int[]> ReserveIdsAsync(int count, CancellationToken cancellationToken);

    /// <summary>Writes the items (ids already set) with their history and one change row each.</summary>
    public async Task WriteAsync(IReadOnlyList<(int Id, Item Item)> items, DateTime changedAtUtc, CancellationToken cancellationToken)
    {
        await WriteRowsAsync(Items, items.Select(i => Items.Values(i.Item, ("Id", i.Id))), cancellationToken);
        await WriteRowsAsync(History, items.SelectMany(i => i.Item.History.Select(h => History.Values(h, ("ItemId", i.Id)))), cancellationToken);
        await WriteRowsAsync(Changes, items.Select(i => new object?[] { i.Id, changedAtUtc }), cancellationToken);
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected abstract Task WriteRowsAsync(Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken);

    protected DbConnection Connection => db.Database.GetDbConnection();
    protected DbTransaction? Transaction => db.Database.CurrentTransaction?.GetDbTransaction();

    /// <summary>A table's columns in model order, each with how to read its provider value off an entity.</summary>
    protected sealed record Table(string Name, string[] Columns, IProperty[] Properties)
    {
        public static Table Of<T>(AppDbContext db, bool withKey)
        {
            var type = db.Model.FindEntityType(typeof(T))!;
            var properties = type.GetProperties().Where(p => withKey || !p.IsPrimaryKey()).ToArray();
            if (typeof(T) == typeof(SearchChange))
                properties = [.. new[] { nameof(SearchChange.ItemId), nameof(SearchChange.AtUtc) }.Select(n => type.FindProperty(n)!)];
            return new Table(type.GetTableName()!, [.. properties.Select(p => p.GetColumnName())], properties);
        }

        public string QuotedColumns => string.Join(", ", Columns.Select(c => $"\"{c}\""));

        public object?[] Values(object entity, (string Column, object Value) given)
        {
            var values = new object?[Properties.Length];
            for (var k = 0; k < Properties.Length; k++)
            {
                var property = Properties[k];
                var value = property.Name == given.Column ? given.Value : property.GetGetter().GetClrValue(entity);
                if (value is string text && !VietnameseText.IsInStorageForm(text)) value = VietnameseText.ToStorageForm(text);
                if (value is not null && property.GetTypeMapping().Converter is { } converter) value = converter.ConvertToProvider(value);
                values[k] = value;
            }
            return values;
        }
    }

    private sealed class SqliteRows(AppDbContext db) : ItemRowWriter(db)
    {
        private readonly Dictionary<Table, SqliteCommand> commands = [];

        public override async ValueTask DisposeAsync()
        {
            foreach (var command in commands.Values) await command.DisposeAsync();
        }

        public override async Task<int[]> ReserveIdsAsync(int count, CancellationToken cancellationToken)
        {
            // The transaction holds SQLite's write lock (BEGIN IMMEDIATE), so nobody else takes these ids;
            // AUTOINCREMENT's sequence moves past explicit ids by itself.
            await using var command = (SqliteCommand)Connection.CreateCommand();
            command.Transaction = (SqliteTransaction?)Transaction;
            command.CommandText = $"SELECT max(coalesce((SELECT max(\"Id\") FROM \"{Items.Name}\"), 0), coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{Items.Name}'), 0))";
            var last = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return [.. Enumerable.Range(last + 1, count)];
        }

        protected override async Task WriteRowsAsync(Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            if (!commands.TryGetValue(table, out var command))
            {
                command = (SqliteCommand)Connection.CreateCommand();
                command.Transaction = (SqliteTransaction?)Transaction;
                command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.QuotedColumns}) VALUES ({string.Join(", ", table.Columns.Select((_, k) => $"$p{k}"))})";
                for (var k = 0; k < table.Columns.Length; k++) command.Parameters.Add(new SqliteParameter($"$p{k}", null));
                command.Prepare();
                commands[table] = command;
            }
            foreach (var row in rows)
            {
                for (var k = 0; k < row.Length; k++) command.Parameters[k].Value = row[k] ?? DBNull.Value;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private sealed class PostgresRows(AppDbContext db) : ItemRowWriter(db)
    {
        public override async Task<int[]> ReserveIdsAsync(int count, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(
                $"SELECT nextval(pg_get_serial_sequence('\"{Items.Name}\"', 'Id'))::int FROM generate_series(1, $1)", (NpgsqlConnection)Connection);
            command.Parameters.Add(new NpgsqlParameter { Value = count });
            var ids = new int[count];
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            for (var k = 0; await reader.ReadAsync(cancellationToken); k++) ids[k] = reader.GetInt32(0);
            return ids;
        }

        protected override async Task WriteRowsAsync(Table table, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
        {
            await using var importer = await ((NpgsqlConnection)Connection).BeginBinaryImportAsync(
                $"COPY \"{table.Name}\" ({table.QuotedColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken);
                foreach (var value in row)
                {
                    if (value is null) await importer.WriteNullAsync(cancellationToken);
                    else await importer.WriteAsync(value, cancellationToken);
                }
            }
            await importer.CompleteAsync(cancellationToken);
        }
    }
}
