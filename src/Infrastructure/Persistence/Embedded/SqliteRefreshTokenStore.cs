using CleanAuth.Application.Common.Abstractions;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class SqliteRefreshTokenStore(SqliteStore store) : IRefreshTokenStore
{
    private const string Columns = "Id, TokenHash, UserId, FamilyId, SecurityStamp, CreatedAt, ExpiresAt, FamilyExpiresAt, SpentAt, RevokedAt";

    public Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken)
    {
        store.Run(connection => Insert(connection, token));
        return Task.CompletedTask;
    }

    internal static int Insert(SqliteConnection connection, StoredRefreshToken token) => connection.Execute(
        $"INSERT INTO refresh_tokens ({Columns}) VALUES (@id, @hash, @user, @family, @stamp, @created, @expires, @familyExpires, @spent, @revoked)",
        ("@id", Id(token.Id)), ("@hash", token.TokenHash), ("@user", Id(token.UserId)), ("@family", Id(token.FamilyId)),
        ("@stamp", token.SecurityStamp), ("@created", Ticks(token.CreatedAt)), ("@expires", Ticks(token.ExpiresAt)),
        ("@familyExpires", Ticks(token.FamilyExpiresAt)), ("@spent", Ticks(token.SpentAt)), ("@revoked", Ticks(token.RevokedAt)));

    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"SELECT {Columns} FROM refresh_tokens WHERE TokenHash = @hash", ToToken, ("@hash", tokenHash))));

    // One conditional statement: SQLite spends the token only if nobody spent or revoked it first.
    public Task<bool> TrySpendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(
        ObjectIds.Normalize(id) is { } tokenId
        && store.Run(connection => connection.Execute(
            "UPDATE refresh_tokens SET SpentAt = @now WHERE Id = @id AND SpentAt IS NULL AND RevokedAt IS NULL",
            ("@id", tokenId), ("@now", Ticks(now)))) == 1);

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken) => Revoke("FamilyId", familyId, now);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) => Revoke("UserId", userId, now);

    private Task Revoke(string column, string value, DateTimeOffset now)
    {
        store.Run(connection => connection.Execute(
            $"UPDATE refresh_tokens SET RevokedAt = @now WHERE {column} = @value AND RevokedAt IS NULL", ("@value", Id(value)), ("@now", Ticks(now))));
        return Task.CompletedTask;
    }

    // Ids are kept in ObjectId's canonical lower-case form, as MongoDB keeps them.
    private static string Id(string value) => ObjectIds.Normalize(value) ?? value;

    private static StoredRefreshToken ToToken(SqliteDataReader row) => new(
        row.Text("Id"), row.Text("TokenHash"), row.Text("UserId"), row.Text("FamilyId"), row.Text("SecurityStamp"),
        row.Instant("CreatedAt"), row.Instant("ExpiresAt"), row.Instant("FamilyExpiresAt"), row.OptionalInstant("SpentAt"), row.OptionalInstant("RevokedAt"));
}
