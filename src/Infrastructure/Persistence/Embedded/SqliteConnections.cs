using System.Runtime.CompilerServices;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Opening, re-opening and guarding connections to the store's file. Connections come from Microsoft.Data.Sqlite's
/// pool, one per operation. When the file cannot be read or written the pool is emptied, so that once the disk is
/// back the next operation opens the file afresh: the store recovers without a restart. Meanwhile every call gets
/// <see cref="StorageUnavailableException"/> (503).
/// </summary>
internal sealed class SqliteConnections(string connectionString)
{
    private static readonly object Configured = new();

    // Physical connections (the pool hands the same one out again) whose per-connection settings are made.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    /// <summary>Turns "the file cannot be read or written" (and a lock not had in time) into the 503 signal.</summary>
    public T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (SqliteException ex) when (SqliteErrors.IsOutage(ex))
        {
            if (!SqliteErrors.IsLockTimeout(ex))
            {
                // A connection that met an I/O error may keep a broken file handle: open fresh ones from now on.
                ClearPool();
            }

            throw new StorageUnavailableException("The embedded store cannot be reached.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException("The embedded store cannot be reached.", ex);
        }
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                // Per connection, not kept in the file, so once for each new physical connection: FULL makes every
                // commit wait for the log to reach the disk; after a checkpoint the log is cut back to 64 MiB, so a
                // burst of large covers does not leave it large.
                connection.Execute("PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 67108864;");
                _configured.AddOrUpdate(connection.Handle!, Configured);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void ClearPool()
    {
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
