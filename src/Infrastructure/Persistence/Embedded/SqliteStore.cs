using System.Runtime.CompilerServices;
using CleanAuth.Application.Common.Exceptions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The embedded store: one SQLite file in the data folder, in WAL mode with <c>synchronous=FULL</c>, so a
/// write is on disk when it is acknowledged. It serves one API instance; several instances need MongoDB.
/// </summary>
/// <remarks>
/// Connections come from Microsoft.Data.Sqlite's pool, one per operation. When the file cannot be read or
/// written the pool is emptied, so that once the disk is back the next operation opens the file afresh: the
/// store recovers without a restart. Meanwhile every call gets <see cref="StorageUnavailableException"/> (503).
/// </remarks>
public sealed class SqliteStore : IDisposable
{
    public const string FileName = "cleanauth.sqlite";

    /// <summary>
    /// How long an operation waits for the write lock. Writes take milliseconds; a wait this long means the
    /// store is overwhelmed or stuck, and the request gets a 503 rather than waiting on.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string _dataPath;
    private readonly ILogger _logger;
    private readonly Lock _readyGate = new();
    private static readonly object Configured = new();
    private volatile bool _ready;

    // Physical connections (the pool hands the same one out again) whose per-connection settings are made.
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = new();

    public SqliteStore(string dataPath, ILogger<SqliteStore>? logger = null)
    {
        _dataPath = dataPath;
        _logger = logger ?? NullLogger<SqliteStore>.Instance;
        FilePath = Path.Combine(dataPath, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Creates the file and its schema (importing an old LiteDB file first) unless that was done already.</summary>
    public void EnsureReady()
    {
        if (!_ready)
        {
            Guard(Prepare);
        }
    }

    private bool Prepare()
    {
        lock (_readyGate)
        {
            if (!_ready)
            {
                Directory.CreateDirectory(_dataPath);
                LiteDbImport.ImportIfPresent(_dataPath, FilePath, _logger);
                using var connection = OpenConnection();
                SqliteSchema.Ensure(connection);
                _ready = true;
            }
        }

        return true;
    }

    /// <summary>Runs one operation on a pooled connection; a single statement is atomic by itself.</summary>
    public T Run<T>(Func<SqliteConnection, T> operation)
    {
        EnsureReady();
        return Guard(() =>
        {
            using var connection = OpenConnection();
            return operation(connection);
        });
    }

    /// <summary>Runs statements as one transaction that takes the write lock at once (<c>BEGIN IMMEDIATE</c>).</summary>
    public T InTransaction<T>(Func<SqliteConnection, SqliteTransaction, T> operation) => Run(connection =>
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = operation(connection, transaction);
        transaction.Commit();
        return result;
    });

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

    public void Dispose() => ClearPool();

    private void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
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
}
