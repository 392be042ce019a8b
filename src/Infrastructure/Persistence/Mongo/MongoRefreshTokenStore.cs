using CleanAuth.Application.Common.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoRefreshTokenStore(MongoStore store) : IRefreshTokenStore
{
    private IMongoCollection<MongoRefreshTokenDocument> Tokens => store.RefreshTokens;

    public Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken) => MongoStore.Guard(() =>
        Tokens.InsertOneAsync(MongoRefreshTokenDocument.From(token), cancellationToken: cancellationToken));

    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
        (await Tokens.Find(d => d.TokenHash == tokenHash).FirstOrDefaultAsync(cancellationToken))?.ToToken());

    // One conditional update: the server spends the token only if nobody spent or revoked it first.
    public Task<bool> TrySpendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        if (!ObjectId.TryParse(id, out var objectId))
        {
            return false;
        }

        var result = await Tokens.UpdateOneAsync(
            d => d.Id == objectId && d.SpentAt == null && d.RevokedAt == null,
            Builders<MongoRefreshTokenDocument>.Update.Set(d => d.SpentAt, now.UtcDateTime),
            cancellationToken: cancellationToken);
        return result.ModifiedCount == 1;
    });

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        if (ObjectId.TryParse(familyId, out var id))
        {
            await Tokens.UpdateManyAsync(d => d.FamilyId == id && d.RevokedAt == null, Revoke(now), cancellationToken: cancellationToken);
        }
    });

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        if (ObjectId.TryParse(userId, out var id))
        {
            await Tokens.UpdateManyAsync(d => d.UserId == id && d.RevokedAt == null, Revoke(now), cancellationToken: cancellationToken);
        }
    });

    private static UpdateDefinition<MongoRefreshTokenDocument> Revoke(DateTimeOffset now) =>
        Builders<MongoRefreshTokenDocument>.Update.Set(d => d.RevokedAt, now.UtcDateTime);
}
