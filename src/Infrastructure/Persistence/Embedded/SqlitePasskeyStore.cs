using System.Text.Json;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Data.Sqlite;
using static CleanAuth.Infrastructure.Persistence.Embedded.SqliteCommands;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Passkeys on SQLite (ADR 0058): a row per passkey, keyed by the id derived from its credential id (and the
/// credential id unique too), so "one account per credential id" is one INSERT; the counter moves by one conditional UPDATE.
/// </summary>
public sealed class SqlitePasskeyStore(SqliteStore store) : IPasskeyStore
{
    private const string Columns = "Id, UserId, CredentialId, PublicKey, SignCount, BackupEligible, BackedUp, Transports, UserHandle, Name, CreatedAt, LastUsedAt";

    public Task<bool> TryAddAsync(Passkey passkey, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection => connection.TryInsert(c => c.Execute(
        $"INSERT INTO passkeys ({Columns}) VALUES (@id, @user, @credential, @key, @count, @eligible, @backedUp, @transports, @handle, @name, @created, @used)",
        ("@id", passkey.Id), ("@user", passkey.UserId.Value), ("@credential", passkey.CredentialId), ("@key", passkey.PublicKey), ("@count", (long)passkey.SignCount),
        ("@eligible", passkey.BackupEligible), ("@backedUp", passkey.BackedUp), ("@transports", JsonSerializer.Serialize(passkey.Transports)),
        ("@handle", passkey.UserHandle), ("@name", passkey.Name), ("@created", Ticks(StoredTime.ToMilliseconds(passkey.CreatedAt))),
        ("@used", passkey.LastUsedAt is { } used ? Ticks(StoredTime.ToMilliseconds(used)) : null)))));

    public Task<IReadOnlyList<Passkey>> ListAsync(UserId userId, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Passkey>>(store.Run(connection =>
        connection.Query($"SELECT {Columns} FROM passkeys WHERE UserId = @user ORDER BY CreatedAt, Id", Map, ("@user", userId.Value))));

    public Task<Passkey?> FindAsync(UserId userId, string id, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"SELECT {Columns} FROM passkeys WHERE Id = @id AND UserId = @user", Map, ("@id", id), ("@user", userId.Value))));

    public Task<Passkey?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.QuerySingle($"SELECT {Columns} FROM passkeys WHERE CredentialId = @credential", Map, ("@credential", credentialId))));

    public Task<bool> TryRenameAsync(UserId userId, string id, string name, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute("UPDATE passkeys SET Name = @name WHERE Id = @id AND UserId = @user", ("@id", id), ("@user", userId.Value), ("@name", name)) == 1));

    public Task<bool> RemoveAsync(UserId userId, string id, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute("DELETE FROM passkeys WHERE Id = @id AND UserId = @user", ("@id", id), ("@user", userId.Value)) == 1));

    public Task<int> RemoveAllAsync(UserId userId, CancellationToken cancellationToken) => Task.FromResult(store.Run(connection =>
        connection.Execute("DELETE FROM passkeys WHERE UserId = @user", ("@user", userId.Value))));

    public Task<bool> TryRecordUseAsync(string id, uint signCount, bool backedUp, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(store.Run(connection => connection.Execute(
            "UPDATE passkeys SET SignCount = @count, BackedUp = @backedUp, LastUsedAt = @now " +
            "WHERE Id = @id AND (SignCount < @count OR (SignCount = 0 AND @count = 0))",
            ("@id", id), ("@count", (long)signCount), ("@backedUp", backedUp), ("@now", Ticks(StoredTime.ToMilliseconds(now)))) == 1));

    private static Passkey Map(SqliteDataReader row) => new(
        row.Text("Id"), UserId.From(row.Text("UserId")), (byte[])row["CredentialId"], (byte[])row["PublicKey"], (uint)row.Integer("SignCount"),
        row.Integer("BackupEligible") != 0, row.Integer("BackedUp") != 0, JsonSerializer.Deserialize<string[]>(row.Text("Transports")) ?? [],
        (byte[])row["UserHandle"], row.Text("Name"), row.Instant("CreatedAt"), row.OptionalInstant("LastUsedAt"));
}
