using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// The per-request read on MongoDB (ADR 0053): one aggregation, one round trip — the user document by <c>_id</c>
/// (unless it is marked for erasure),
/// joined by <c>_id</c> (indexed on both sides) with its second factor and with the token's session (its refresh family).
/// </summary>
public sealed class MongoCallerStore(MongoStore store) : ICallerStore
{
    public Task<Caller?> FindAsync(UserId userId, string? sessionId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (!ObjectIds.TryParse(userId.Value, out var id))
        {
            return null;
        }

        // A sid that cannot be an id names no session; $lookup on it finds nothing, so the session reads as ended.
        BsonValue session = sessionId is null ? BsonNull.Value : ObjectIds.TryParse(sessionId, out var sid) ? sid : BsonNull.Value;
        var stages = new List<BsonDocument>
        {
            // An account marked for erasure is found by no user read (ADR 0055); null also matches a missing field.
            new("$match", new BsonDocument { { "_id", id }, { "erasingAt", BsonNull.Value } }),
            new("$limit", 1),
            new("$lookup", new BsonDocument { { "from", store.TwoFactor.CollectionNamespace.CollectionName }, { "localField", "_id" }, { "foreignField", "_id" }, { "as", "twoFactor" } }),
        };
        if (sessionId is not null)
        {
            stages.Add(new("$addFields", new BsonDocument("sessionKey", session)));
            stages.Add(new("$lookup", new BsonDocument { { "from", store.RefreshFamilies.CollectionNamespace.CollectionName }, { "localField", "sessionKey" }, { "foreignField", "_id" }, { "as", "session" } }));
        }

        // No $project: the joined documents come back whole (ciphertexts and hashes stay in memory, never logged). The
        // Mongo-wire test server applies a nested exclusion to its stored documents themselves, and evaluates the
        // expressions that would compute the two flags server-side differently from MongoDB.
        var found = await store.Users.Aggregate(PipelineDefinition<UserDocument, BsonDocument>.Create(stages), cancellationToken: cancellationToken)
            .FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : ToCaller(found, sessionId is null);
    });

    private static Caller ToCaller(BsonDocument found, bool noSession)
    {
        var twoFactor = First(found, "twoFactor");
        var family = noSession ? null : First(found, "session");
        var live = noSession || (family is not null && family["userId"] == found["_id"] && !IsSet(family, "revokedAt"));
        return new Caller(
            BsonSerializer.Deserialize<UserDocument>(found).ToUser(), live, twoFactor is not null && IsSet(twoFactor, "enabledAt") && IsSet(twoFactor, "secret"));
    }

    private static BsonDocument? First(BsonDocument found, string joined) =>
        found.TryGetValue(joined, out var documents) && documents is BsonArray { Count: > 0 } array ? array[0].AsBsonDocument : null;

    private static bool IsSet(BsonDocument document, string name) => document.TryGetValue(name, out var value) && !value.IsBsonNull;
}
