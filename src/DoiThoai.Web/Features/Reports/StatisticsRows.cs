using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using DoiThoai.Web.Features.Items;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace DoiThoai.Web.Features.Reports;

/// <summary>
/// Reads the rows of the statistics query — RaisedAtUtc, TopicId, CurrentLeadUnitId, OriginUnitId,
/// Status, Outcome, AnsweredAtUtc, CurrentDueOn, in that order — straight off the database, with the
/// times turned into Vietnam days (ADR 0015). The SQL is EF's (<c>CreateDbCommand</c>); only the
/// materialising is ours, because at a million rows it was most of the report's time: EF's
/// materialiser took SQLite 2.9 s, most of it allocating and parsing three text dates and two enum
/// names per row, where only the day and the hour are needed (fixed positions of SQLite's
/// "yyyy-MM-dd HH:mm:ss"). On SQLite the rows are read through SQLitePCL's column functions, which
/// hand out the stored UTF-8 bytes without building a string; PostgreSQL sends binary times and is
/// read through the ordinary data reader.
/// </summary>
internal static class StatisticsRows
{
    private const int Columns = 8;

    public static async Task ReadAsync(AppDbContext db, IQueryable<StatisticsColumns> rows, int lateHour, StatisticsTally tally, CancellationToken ct)
    {
        await using var command = rows.CreateDbCommand();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            if (db.Database.GetDbConnection() is SqliteConnection sqlite)
            {
                ReadSqlite(sqlite, command, lateHour, tally, ct);
                return;
            }
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            if (reader.FieldCount != Columns) throw new InvalidOperationException($"The statistics query returned {reader.FieldCount} columns, not {Columns}.");
            while (await reader.ReadAsync(ct))
            {
                tally.Add(new StatisticsSource(
                    Day(reader.GetFieldValue<DateTime>(0), lateHour),
                    reader.IsDBNull(1) ? null : reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    Enum.Parse<ItemStatus>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : Enum.Parse<AnswerOutcome>(reader.GetString(5)),
                    reader.IsDBNull(6) ? null : Day(reader.GetFieldValue<DateTime>(6), lateHour),
                    reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static DateOnly Day(DateTime utc, int lateHour) =>
        utc.Hour >= lateHour ? DateOnly.FromDateTime(utc).AddDays(1) : DateOnly.FromDateTime(utc);

    /// <summary>The same statement prepared on the connection's own SQLite handle, its parameters bound as Microsoft.Data.Sqlite binds them.</summary>
    private static void ReadSqlite(SqliteConnection connection, DbCommand command, int lateHour, StatisticsTally tally, CancellationToken ct)
    {
        var code = raw.sqlite3_prepare_v2(connection.Handle, command.CommandText, out var statement);
        if (code != raw.SQLITE_OK) throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
        using (statement)
        {
            if (raw.sqlite3_column_count(statement) != Columns) throw new InvalidOperationException($"The statistics query returns {raw.sqlite3_column_count(statement)} columns, not {Columns}.");
            foreach (DbParameter parameter in command.Parameters) Bind(statement, parameter);
            for (var n = 0; ; n++)
            {
                if ((n & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                code = raw.sqlite3_step(statement);
                if (code == raw.SQLITE_DONE) return;
                if (code != raw.SQLITE_ROW) throw new SqliteException(raw.sqlite3_errmsg(connection.Handle).utf8_to_string(), code);
                tally.Add(SqliteRow(statement, lateHour));
            }
        }
    }

    private static void Bind(sqlite3_stmt statement, DbParameter parameter)
    {
        var index = raw.sqlite3_bind_parameter_index(statement, parameter.ParameterName.StartsWith('@') ? parameter.ParameterName : "@" + parameter.ParameterName);
        if (index == 0) return;
        var code = parameter.Value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            // Microsoft.Data.Sqlite's text form of a time, the form EF stores and compares.
            DateTime time => raw.sqlite3_bind_text(statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateOnly day => raw.sqlite3_bind_text(statement, index, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            string text => raw.sqlite3_bind_text(statement, index, text),
            int number => raw.sqlite3_bind_int64(statement, index, number),
            long number => raw.sqlite3_bind_int64(statement, index, number),
            var other => throw new NotSupportedException($"Statistics parameter {parameter.ParameterName} of type {other.GetType().Name}."),
        };
        if (code != raw.SQLITE_OK) throw new InvalidOperationException($"Binding statistics parameter {parameter.ParameterName} failed ({code}).");
    }

    private static StatisticsSource SqliteRow(sqlite3_stmt statement, int lateHour) => new(
        SqliteDay(statement, 0, lateHour)!.Value,
        SqliteInt(statement, 1),
        SqliteInt(statement, 2),
        SqliteInt(statement, 3),
        ItemStatuses.Parse(raw.sqlite3_column_blob(statement, 4)),
        raw.sqlite3_column_type(statement, 5) == raw.SQLITE_NULL ? null : Outcomes.Parse(raw.sqlite3_column_blob(statement, 5)),
        SqliteDay(statement, 6, lateHour),
        raw.sqlite3_column_type(statement, 7) == raw.SQLITE_NULL ? null : DateOf(raw.sqlite3_column_blob(statement, 7)));

    private static int? SqliteInt(sqlite3_stmt statement, int column) =>
        raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int(statement, column);

    /// <summary>The Vietnam day of a stored UTC time: the next day from 17:00 UTC (UTC+7, no daylight saving).</summary>
    private static DateOnly? SqliteDay(sqlite3_stmt statement, int column, int lateHour)
    {
        if (raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL) return null;
        var text = raw.sqlite3_column_blob(statement, column);
        var day = DateOf(text);
        var hour = text.Length >= 13 ? Digits(text, 11, 2) : 0;
        return hour >= lateHour ? day.AddDays(1) : day;
    }

    private static DateOnly DateOf(ReadOnlySpan<byte> text) =>
        text.Length >= 10 ? new(Digits(text, 0, 4), Digits(text, 5, 2), Digits(text, 8, 2))
        : throw new FormatException($"Not a stored date: {Encoding.UTF8.GetString(text)}");

    private static int Digits(ReadOnlySpan<byte> text, int start, int length)
    {
        var n = 0;
        foreach (var b in text.Slice(start, length))
        {
            var digit = b - (byte)'0';
            if ((uint)digit > 9) throw new FormatException($"Not a stored date: {Encoding.UTF8.GetString(text)}");
            n = n * 10 + digit;
        }
        return n;
    }

    private static readonly Utf8Names<ItemStatus> ItemStatuses = new();
    private static readonly Utf8Names<AnswerOutcome> Outcomes = new();

    /// <summary>An enum's stored names as UTF-8, matched without building a string.</summary>
    private sealed class Utf8Names<TEnum> where TEnum : struct, Enum
    {
        private readonly (byte[] Name, TEnum Value)[] names =
            [.. Enum.GetValues<TEnum>().Select(v => (Encoding.UTF8.GetBytes(v.ToString()), v))];

        public TEnum Parse(ReadOnlySpan<byte> stored)
        {
            foreach (var (name, value) in names)
                if (stored.SequenceEqual(name)) return value;
            throw new FormatException($"{Encoding.UTF8.GetString(stored)} is not a {typeof(TEnum).Name}.");
        }
    }
}
