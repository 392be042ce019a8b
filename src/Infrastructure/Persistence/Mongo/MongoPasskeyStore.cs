using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Passkeys on MongoDB (ADR 0058): one document per passkey whose <c>_id</c> is derived from its credential id, so an
/// insert decides which account a credential belongs to; the counter moves by one conditional update.
/// </summary>
public sealed class MongoPasskeyStore(MongoStore store) : IPasskeyStore
{
    private static readonly FilterDefinitionBuilder<PasskeyDocument> Filter = Builders<PasskeyDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<PasskeyDocument> Update = Builders<PasskeyDocument>.Update;

    public Task<bool> TryAddAsync(Passkey passkey, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        try
        {
            await store.Passkeys.InsertOneAsync(ToDocument(passkey), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    });

    public Task<IReadOnlyList<Passkey>> ListAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (IReadOnlyList<Passkey>)[.. (await store.Passkeys.Find(Filter.Eq(d => d.UserId, userId.Value))
            .SortBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(cancellationToken)).Select(ToPasskey)]);

    public Task<Passkey?> FindAsync(UserId userId, string id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        await store.Passkeys.Find(Mine(userId, id)).FirstOrDefaultAsync(cancellationToken) is { } d ? ToPasskey(d) : null);

    // By _id (derived from the credential id), then the full credential id compared: the lookup is the primary key's.
    public Task<Passkey?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        await store.Passkeys.Find(Filter.Eq(d => d.Id, Passkey.IdOf(credentialId))).FirstOrDefaultAsync(cancellationToken) is { } d
            && d.CredentialId == Convert.ToBase64String(credentialId)
            ? ToPasskey(d)
            : null);

    public Task<bool> TryRenameAsync(UserId userId, string id, string name, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await store.Passkeys.UpdateOneAsync(Mine(userId, id), Update.Set(d => d.Name, name), cancellationToken: cancellationToken)).MatchedCount == 1);

    public Task<bool> RemoveAsync(UserId userId, string id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await store.Passkeys.DeleteOneAsync(Mine(userId, id), cancellationToken)).DeletedCount == 1);

    public Task<int> RemoveAllAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (int)(await store.Passkeys.DeleteManyAsync(Filter.Eq(d => d.UserId, userId.Value), cancellationToken)).DeletedCount);

    public Task<bool> TryRecordUseAsync(string id, uint signCount, bool backedUp, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var advances = signCount == 0 ? Filter.Eq(d => d.SignCount, 0L) : Filter.Lt(d => d.SignCount, (long)signCount);
        var update = Update.Set(d => d.SignCount, (long)signCount).Set(d => d.BackedUp, backedUp).Set(d => d.LastUsedAt, StoredTime.ToMilliseconds(now).UtcDateTime);
        return (await store.Passkeys.UpdateOneAsync(Filter.Eq(d => d.Id, id) & advances, update, cancellationToken: cancellationToken)).MatchedCount == 1;
    });

    private static FilterDefinition<PasskeyDocument> Mine(UserId userId, string id) => Filter.Eq(d => d.Id, id) & Filter.Eq(d => d.UserId, userId.Value);

    private static PasskeyDocument ToDocument(Passkey p) => new()
    {
        Id = p.Id,
        UserId = p.UserId.Value,
        CredentialId = Convert.ToBase64String(p.CredentialId),
        PublicKey = Convert.ToBase64String(p.PublicKey),
        SignCount = p.SignCount,
        BackupEligible = p.BackupEligible,
        BackedUp = p.BackedUp,
        Transports = [.. p.Transports],
        UserHandle = Convert.ToBase64String(p.UserHandle),
        Name = p.Name,
        CreatedAt = StoredTime.ToMilliseconds(p.CreatedAt).UtcDateTime,
        LastUsedAt = p.LastUsedAt is { } used ? StoredTime.ToMilliseconds(used).UtcDateTime : null,
    };

    private static Passkey ToPasskey(PasskeyDocument d) => new(
        d.Id, UserId.From(d.UserId), Convert.FromBase64String(d.CredentialId), Convert.FromBase64String(d.PublicKey), (uint)d.SignCount, d.BackupEligible, d.BackedUp,
        d.Transports, Convert.FromBase64String(d.UserHandle), d.Name,
        MongoTimes.Utc(d.CreatedAt), MongoTimes.Utc(d.LastUsedAt));
}
