using CleanAuth.Domain.Users;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// The guard of the last-administrator rule on MongoDB (ADR 0031): one document holding how many users are
/// active administrators, never more than there are. A removal takes one off by a conditional decrement
/// that refuses to go below one, <em>before</em> the user is written; an addition adds one <em>after</em>
/// the user is written. A crash between the two writes can only leave the count too low, which makes the
/// rule stricter (a needless 409), never lets the last administrator go.
/// </summary>
internal static class MongoActiveAdmins
{
    private const string Count = "count";

    // A fixed ObjectId: the Mongo-wire test server only handles ObjectId ids.
    private static readonly ObjectId Id = ObjectId.Parse("0000000000000000000000a1");

    private static FilterDefinition<BsonDocument> CounterDocument => Builders<BsonDocument>.Filter.Eq("_id", Id);

    /// <summary>
    /// Creates the count from the users when it does not exist yet. Every change of the count calls this
    /// before it writes the user, so the users counted here never include one whose increment is still to
    /// come: the count cannot start too high.
    /// </summary>
    public static async Task EnsureCountedAsync(MongoStore store, CancellationToken cancellationToken)
    {
        if (store.ActiveAdminsCounted || await store.Counters.Find(CounterDocument).AnyAsync(cancellationToken))
        {
            store.ActiveAdminsCounted = true;
            return;
        }

        var active = await store.Users.CountDocumentsAsync(d => d.Roles.Contains(Role.Admin) && !d.Disabled, cancellationToken: cancellationToken);
        try
        {
            // $setOnInsert: a count another instance created first is kept.
            await store.Counters.UpdateOneAsync(CounterDocument, Builders<BsonDocument>.Update.SetOnInsert(Count, active),
                new UpdateOptions { IsUpsert = true }, cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            // Two first upserts raced on a real server; the other one created it.
        }

        store.ActiveAdminsCounted = true;
    }

    /// <summary>Takes one active administrator off the count if at least one other remains; false otherwise.</summary>
    public static async Task<bool> TryTakeOneAsync(MongoStore store, CancellationToken cancellationToken)
    {
        await EnsureCountedAsync(store, cancellationToken);
        var taken = await store.Counters.UpdateOneAsync(
            CounterDocument & Builders<BsonDocument>.Filter.Gte(Count, 2), Builders<BsonDocument>.Update.Inc(Count, -1), cancellationToken: cancellationToken);
        return taken.MatchedCount == 1;
    }

    /// <summary>Adds one back (a user became an active administrator, or a removal did not happen after all).</summary>
    public static Task AddOneAsync(MongoStore store, CancellationToken cancellationToken) =>
        store.Counters.UpdateOneAsync(CounterDocument, Builders<BsonDocument>.Update.Inc(Count, 1), cancellationToken: cancellationToken);

    /// <summary>The stored count, for tests and diagnostics.</summary>
    public static async Task<long?> ReadAsync(MongoStore store, CancellationToken cancellationToken) =>
        (await store.Counters.Find(CounterDocument).FirstOrDefaultAsync(cancellationToken))?[Count].ToInt64();

}
