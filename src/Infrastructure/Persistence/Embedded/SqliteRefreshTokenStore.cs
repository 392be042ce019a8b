using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Sessions and refresh tokens on SQLite (ADR 0032, 0053): a session is a refresh family, whose state — current token
/// hash, last rotation, revocation — is one row of <c>refresh_families</c>, changed only by conditional statements;
/// <c>refresh_tokens</c> maps every issued hash to its family, so a token the family has moved past is recognised
/// when it is replayed.
/// </summary>
public sealed class SqliteRefreshTokenStore(SqliteStore store) : IRefreshTokenStore
{
    private const string Columns = "Id, TokenHash, UserId, FamilyId, SecurityStamp, CreatedAt, ExpiresAt, FamilyExpiresAt, SpentAt, RevokedAt";

    // A token's family supplies the state; SpentAt is the token's own record, or the family's last rotation for a
    // token that is not current without one.
    private const string Joined = """
        SELECT t.Id, t.TokenHash, f.UserId, t.FamilyId, f.SecurityStamp, t.CreatedAt, t.ExpiresAt, f.ExpiresAt AS FamilyExpiresAt,
               CASE WHEN t.TokenHash = f.CurrentHash THEN NULL ELSE coalesce(t.SpentAt, f.RotatedAt, f.CreatedAt) END AS SpentAt,
               f.RevokedAt, f.SignedInAt, f.UserAgent, f.ClientIp
        FROM refresh_tokens t JOIN refresh_families f ON f.Id = t.FamilyId
        """;

    public Task StartSessionAsync(StoredRefreshToken token, CancellationToken cancellationToken)
    {
        store.InTransaction((connection, _) =>
        {
            Insert(connection, token);
            return connection.Execute(
                "INSERT INTO refresh_families (Id, UserId, SecurityStamp, CreatedAt, ExpiresAt, CurrentHash, CurrentExpiresAt, SignedInAt, UserAgent, ClientIp) " +
                "VALUES (@family, @user, @stamp, @created, @familyExpires, @hash, @expires, @signedIn, @agent, @ip)",
                ("@family", Id(token.SessionId)), ("@user", token.UserId.Value), ("@stamp", token.SecurityStamp), ("@created", Ticks(token.CreatedAt)),
                ("@familyExpires", Ticks(token.SessionExpiresAt)), ("@hash", token.TokenHash), ("@expires", Ticks(token.ExpiresAt)),
                ("@signedIn", Ticks(token.SignedInAt)), ("@agent", token.UserAgent), ("@ip", token.ClientIp));
        });
        return Task.CompletedTask;
    }

    /// <summary>Writes a token row.</summary>
    internal static int Insert(SqliteConnection connection, StoredRefreshToken token) => connection.Execute(
        $"INSERT INTO refresh_tokens ({Columns}) VALUES (@id, @hash, @user, @family, @stamp, @created, @expires, @familyExpires, @spent, @revoked)",
        ("@id", Id(token.Id)), ("@hash", token.TokenHash), ("@user", token.UserId.Value), ("@family", Id(token.SessionId)),
        ("@stamp", token.SecurityStamp), ("@created", Ticks(token.CreatedAt)), ("@expires", Ticks(token.ExpiresAt)),
        ("@familyExpires", Ticks(token.SessionExpiresAt)), ("@spent", Ticks(token.SpentAt)), ("@revoked", Ticks(token.RevokedAt)));

    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"{Joined} WHERE t.TokenHash = @hash", ToToken, ("@hash", tokenHash))));

    // The family row's conditional UPDATE decides; the spent mark and the new token's row go in the same
    // transaction, so a crash keeps all three or none.
    public Task<bool> TryRotateAsync(StoredRefreshToken spent, StoredRefreshToken next, CancellationToken cancellationToken) => Task.FromResult(
        store.InTransaction((connection, _) =>
        {
            var rotated = connection.Execute(
                "UPDATE refresh_families SET CurrentHash = @next, CurrentExpiresAt = @nextExpires, RotatedAt = @now " +
                "WHERE Id = @family AND CurrentHash = @spent AND RevokedAt IS NULL AND CurrentExpiresAt > @now AND ExpiresAt > @now",
                ("@family", Id(spent.SessionId)), ("@spent", spent.TokenHash), ("@next", next.TokenHash),
                ("@nextExpires", Ticks(next.ExpiresAt)), ("@now", Ticks(next.CreatedAt))) == 1;
            if (rotated)
            {
                connection.Execute("UPDATE refresh_tokens SET SpentAt = @now WHERE TokenHash = @spent", ("@spent", spent.TokenHash), ("@now", Ticks(next.CreatedAt)));
                Insert(connection, next);
            }

            return rotated;
        }));

    // The owner is part of the condition: another user's id matches no row, exactly as an unknown one.
    public Task<bool> EndSessionAsync(UserId userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(
        store.Run(connection => connection.Execute(
            "UPDATE refresh_families SET RevokedAt = @now WHERE Id = @family AND UserId = @user AND RevokedAt IS NULL",
            ("@family", Id(sessionId)), ("@user", userId.Value), ("@now", Ticks(now)))) == 1);

    public Task EndAllSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        store.Run(connection => connection.Execute(
            "UPDATE refresh_families SET RevokedAt = @now WHERE UserId = @user AND RevokedAt IS NULL", ("@user", userId.Value), ("@now", Ticks(now))));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Session>> ListSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Session>>(store.Run(connection => connection.Query(
            "SELECT Id, CreatedAt, coalesce(RotatedAt, CreatedAt) AS LastUsedAt, UserAgent, ClientIp FROM refresh_families " +
            "WHERE UserId = @user AND RevokedAt IS NULL AND ExpiresAt > @now AND CurrentExpiresAt > @now ORDER BY CreatedAt DESC, Id DESC",
            row => new Session(row.Text("Id"), row.Instant("CreatedAt"), row.Instant("LastUsedAt"), row.OptionalText("UserAgent"), row.OptionalText("ClientIp")),
            ("@user", userId.Value), ("@now", Ticks(now)))));

    /// <summary>
    /// Deletes tokens and families whose absolute end is before <paramref name="cutoff"/>, at most
    /// <paramref name="batchSize"/> rows per statement so that the write lock is never held for long; returns how
    /// many rows went.
    /// </summary>
    public int SweepExpired(DateTimeOffset cutoff, int batchSize)
    {
        var total = 0;
        foreach (var (table, expiry) in new[] { ("refresh_tokens", "FamilyExpiresAt"), ("refresh_families", "ExpiresAt") })
        {
            int deleted;
            do
            {
                deleted = store.Run(connection => connection.Execute(
                    $"DELETE FROM {table} WHERE rowid IN (SELECT rowid FROM {table} WHERE {expiry} < @cutoff LIMIT @batch)",
                    ("@cutoff", Ticks(cutoff)), ("@batch", batchSize)));
                total += deleted;
            }
            while (deleted == batchSize);
        }

        return total;
    }

    // Ids are kept in ObjectId's canonical lower-case form, as MongoDB keeps them.
    private static string Id(string value) => ObjectIdText.Canonical(value) ?? value;

    private static StoredRefreshToken ToToken(SqliteDataReader row) => new(
        row.Text("Id"), row.Text("TokenHash"), UserId.From(row.Text("UserId")), row.Text("FamilyId"), row.Text("SecurityStamp"),
        row.Instant("CreatedAt"), row.Instant("ExpiresAt"), row.Instant("FamilyExpiresAt"), row.OptionalInstant("SpentAt"), row.OptionalInstant("RevokedAt"),
        row.OptionalInstant("SignedInAt"), row.OptionalText("UserAgent"), row.OptionalText("ClientIp"));
}
