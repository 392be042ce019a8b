using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The embedded store: one SQLite file in the data folder, in WAL mode with <c>synchronous=FULL</c>, so a
/// write is on disk when it is acknowledged. It serves one API instance; several instances need MongoDB.
/// Connections and outages: <see cref="SqliteConnections"/>; tables and upgrades: <see cref="SqliteSchema"/>.
/// </summary>
public sealed class SqliteStore : IDisposable
{
    public const string FileName = "cleanauth.sqlite";

    /// <summary>
    /// How long an operation waits for the write lock. Writes take milliseconds; a wait this long means the
    /// store is overwhelmed or stuck, and the request gets a 503 rather than waiting on.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly string _dataPath;
    private readonly SqliteConnections _connections;
    private readonly Lock _readyGate = new();
    private volatile bool _ready;

    public SqliteStore(string dataPath)
    {
        _dataPath = dataPath;
        FilePath = Path.Combine(dataPath, FileName);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString();
        _connections = new SqliteConnections(ConnectionString);
    }

    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>Creates the file and its schema unless that was done already.</summary>
    public void EnsureReady()
    {
        if (!_ready)
        {
            _connections.MapOutage(Prepare);
        }
    }

    private bool Prepare()
    {
        lock (_readyGate)
        {
            if (!_ready)
            {
                Directory.CreateDirectory(_dataPath);
                OwnerOnlyFile.Ensure(FilePath);
                using var connection = _connections.Open();
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
        return _connections.MapOutage(() =>
        {
            var connection = _connections.Rent();
            var succeeded = false;
            try
            {
                var result = operation(connection);
                succeeded = true;
                return result;
            }
            finally
            {
                _connections.Return(connection, succeeded);
            }
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

    public void Dispose() => _connections.ClearPool();
}
