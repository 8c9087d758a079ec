using Microsoft.Data.Sqlite;
using Npgsql;

namespace DoiThoai.Web.Data;

/// <summary>Recognises a unique-index violation on either provider, so callers retry only that.</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
