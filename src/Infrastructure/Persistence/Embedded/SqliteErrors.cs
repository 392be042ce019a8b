using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>What SQLite's result codes mean to the store (https://sqlite.org/rescode.html).</summary>
internal static class SqliteErrors
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CantOpen = 14;
    private const int NotADatabase = 26;
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = Constraint | (6 << 8);
    private const int ConstraintUnique = Constraint | (8 << 8);

    /// <summary>
    /// The file or its disk is not usable now, or the write lock did not come in time: retry later. A page that
    /// cannot be read is reported as corruption, so that counts too: the request is not at fault either way.
    /// </summary>
    public static bool IsOutage(SqliteException ex) =>
        ex.SqliteErrorCode is Busy or Locked or ReadOnly or IoError or Corrupt or Full or CantOpen or NotADatabase;

    public static bool IsLockTimeout(SqliteException ex) => ex.SqliteErrorCode is Busy or Locked;

    /// <summary>A row with the same key, or the same value in a unique index, exists already.</summary>
    public static bool IsDuplicate(SqliteException ex) =>
        ex.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey;
}
