using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// An open connection the store keeps between operations (<see cref="SqliteConnections"/>), with its statements
/// prepared once: Microsoft.Data.Sqlite prepares a command's SQL again for every new command, and disposes a
/// connection's commands when it is closed, so a statement outlives one operation only on a connection that stays
/// open. Used by one operation at a time, like any connection; not thread-safe.
/// </summary>
internal sealed class StoreConnection(string connectionString, int generation) : SqliteConnection(connectionString)
{
    // The store's statements are a few dozen constant texts; the bound only guards against SQL built from data.
    private const int MaxStatements = 64;

    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>The pool's generation this connection was opened in; an older one is not handed out again.</summary>
    public int Generation { get; } = generation;

    /// <summary>
    /// The prepared command for <paramref name="sql"/>, taken out of the cache until <see cref="Return"/>, so a
    /// statement run while another one's reader is open gets its own command.
    /// </summary>
    public SqliteCommand Rent(string sql)
    {
        if (!_statements.Remove(sql, out var command))
        {
            command = CreateCommand();
            command.CommandText = sql;
        }

        // A cached command keeps the transaction it last ran in; the connection's current one is required.
        command.Transaction = Transaction;
        return command;
    }

    /// <summary>Keeps a command that ran to the end; one that failed is disposed, so its statement starts afresh.</summary>
    public void Return(SqliteCommand command, bool succeeded)
    {
        // Its values (hashes, stamps) are not kept in the cache until the statement's next use.
        command.Parameters.Clear();
        if (succeeded && _statements.Count < MaxStatements && _statements.TryAdd(command.CommandText, command))
        {
            return;
        }

        command.Dispose();
    }
}
