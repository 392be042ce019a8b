using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Opening, re-opening and guarding connections to the store's file. An operation borrows an open connection
/// (<see cref="Rent"/>) and gives it back (<see cref="Return"/>); the connections kept open between operations
/// keep their prepared statements (<see cref="StoreConnection"/>), and below them Microsoft.Data.Sqlite pools the
/// physical connections. When the file cannot be read or written both pools are emptied, so that once the disk is
/// back the next operation opens the file afresh: the store recovers without a restart. Meanwhile every call gets
/// <see cref="StorageUnavailableException"/> (503).
/// </summary>
internal sealed class SqliteConnections(string connectionString)
{
    private static readonly object Configured = new();

    private static readonly string BusyTimeoutPragma = FormattableString.Invariant($"PRAGMA busy_timeout = {(int)SqliteStore.BusyTimeout.TotalMilliseconds};");

    // Four kept connections a core (at least 8, at most 64) cover the operations that run at once; connections beyond
    // it are closed when returned.
    private static readonly int MaxIdle = Math.Clamp(Environment.ProcessorCount * 4, 8, 64);

    // Physical connections (the pool hands the same one out again) whose per-connection settings are made.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    private readonly ConcurrentBag<StoreConnection> _idle = [];
    private int _idleCount;

    // Raised by ClearPool: connections opened before it are closed instead of being handed out again.
    private int _generation;

    /// <summary>Turns "the file cannot be read or written" (and a lock not had in time) into the 503 signal.</summary>
    public T MapOutage<T>(Func<T> operation)
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

    /// <summary>An open connection for one operation: a kept one if there is one, else a new one.</summary>
    public StoreConnection Rent()
    {
        var generation = Volatile.Read(ref _generation);
        while (_idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _idleCount);
            if (kept.Generation == generation)
            {
                return kept;
            }

            kept.Dispose();
        }

        return Open(generation);
    }

    /// <summary>
    /// Takes a connection back after its operation. One whose operation failed is closed rather than kept: it may
    /// hold a statement or a transaction in an unknown state, and a failure is rare enough to pay for a new one.
    /// </summary>
    public void Return(StoreConnection connection, bool succeeded)
    {
        if (succeeded && connection.Generation == Volatile.Read(ref _generation))
        {
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(connection);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    /// <summary>A connection that is not kept: dispose it after use.</summary>
    public StoreConnection Open() => Open(Volatile.Read(ref _generation));

    private StoreConnection Open(int generation)
    {
        var connection = new StoreConnection(connectionString, generation);
        try
        {
            connection.Open();
            if (!_configured.TryGetValue(connection.Handle!, out _))
            {
                // Per connection, not kept in the file, so once for each new physical connection: FULL makes every
                // commit wait for the log to reach the disk; after a checkpoint the log is cut back to 64 MiB, so a
                // burst of large covers does not leave it large. busy_timeout lets SQLite itself wait for the write
                // lock, retrying within a few milliseconds of its release: without it Microsoft.Data.Sqlite sleeps
                // 150 ms after every SQLITE_BUSY, and any write that met another one took 150 ms (ADR 0042).
                // temp_store = MEMORY keeps statement and savepoint journals in memory, not in a temporary file:
                // every insert into books (indexes, a trigger) and every import savepoint wrote the pages it
                // changed to one, a write system call a page (ADR 0062).
                connection.Execute(BusyTimeoutPragma + " PRAGMA synchronous = FULL; PRAGMA journal_size_limit = 67108864; PRAGMA temp_store = MEMORY;");
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

    /// <summary>
    /// Closes the kept connections and empties Microsoft.Data.Sqlite's pool; connections in use now are closed
    /// when returned.
    /// </summary>
    public void ClearPool()
    {
        Interlocked.Increment(ref _generation);
        while (_idle.TryTake(out var kept))
        {
            Interlocked.Decrement(ref _idleCount);
            kept.Dispose();
        }

        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }
}
