using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The per-request read on SQLite (ADR 0053): one prepared statement reads the user row and, by primary key, whether
/// the token's session is live and whether a second factor is enabled.
/// </summary>
public sealed class SqliteCallerStore(SqliteStore store) : ICallerStore
{
    // A session is live while its family row exists, is the user's own and has not been revoked. A swept family (past
    // its absolute end) is gone, and so is its session.
    private const string Sql = $"""
        SELECT {SqliteUserRepository.Columns},
               EXISTS (SELECT 1 FROM two_factor WHERE two_factor.UserId = users.Id AND two_factor.EnabledAt IS NOT NULL AND two_factor.Secret IS NOT NULL) AS TwoFactorEnabled,
               (@session IS NULL OR EXISTS (SELECT 1 FROM refresh_families f
                   WHERE f.Id = @session AND f.UserId = users.Id AND f.RevokedAt IS NULL)) AS SessionLive
        FROM users WHERE Id = @id AND ErasingAt IS NULL
        """;

    // Positions, read by position as ToUser reads the user's columns.
    private static readonly int TwoFactorEnabled = SqliteUserRepository.ColumnCount;
    private static readonly int SessionLive = SqliteUserRepository.ColumnCount + 1;

    public Task<Caller?> FindAsync(UserId userId, string? sessionId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle(
            Sql,
            row => new Caller(SqliteUserRepository.ToUser(row), SessionLive: row.GetInt64(SessionLive) != 0, TwoFactorEnabled: row.GetInt64(TwoFactorEnabled) != 0),
            ("@id", userId.Value), ("@session", sessionId is null ? null : ObjectIdText.Canonical(sessionId) ?? sessionId))));
}
