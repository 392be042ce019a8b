using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Passkey ceremonies on SQLite (ADR 0058). Consuming one is a single <c>DELETE … RETURNING</c> whose WHERE holds every
/// condition (kind, user, not expired), so of two finishes exactly one gets the row. Each new ceremony sweeps the
/// expired ones in the same transaction: the table holds at most a lifetime's worth, with no timer of its own.
/// </summary>
public sealed class SqlitePasskeyCeremonies(SqliteStore store) : IPasskeyCeremonies
{
    public Task AddAsync(PasskeyCeremony ceremony, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(store.InTransaction((connection, _) =>
    {
        connection.Execute("DELETE FROM passkey_ceremonies WHERE ExpiresAt <= @now", ("@now", Ticks(now)));
        return connection.Execute(
            "INSERT INTO passkey_ceremonies (Id, Kind, UserId, Options, ExpiresAt) VALUES (@id, @kind, @user, @options, @expires)",
            ("@id", ceremony.Id), ("@kind", ceremony.Kind.ToString()), ("@user", ceremony.UserId?.Value), ("@options", ceremony.Options),
            ("@expires", Ticks(ceremony.ExpiresAt)));
    }));

    public Task<PasskeyCeremony?> TryConsumeAsync(string id, PasskeyCeremonyKind kind, UserId? userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.QuerySingle(
            "DELETE FROM passkey_ceremonies WHERE Id = @id AND Kind = @kind AND UserId IS @user AND ExpiresAt > @now RETURNING Options, ExpiresAt",
            row => new PasskeyCeremony(id, kind, userId, row.Text("Options"), row.Instant("ExpiresAt")),
            ("@id", id), ("@kind", kind.ToString()), ("@user", userId?.Value), ("@now", Ticks(now)))));
}
