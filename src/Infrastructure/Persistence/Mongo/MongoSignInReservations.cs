using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// The sign-in reservation on MongoDB (ADR 0031): up to three single-document conditional updates, each atomic on
/// its own: room left in the window, the last slot of the window (which also sets the lock), or a new window after
/// an ended lock. A reservation that matched none because another request moved the state between them tries again.
/// </summary>
internal static class MongoSignInReservations
{
    private static readonly FilterDefinitionBuilder<UserDocument> Filter = Builders<UserDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<UserDocument> Update = Builders<UserDocument>.Update;

    public static async Task<SignInReservation> ReserveAsync(
        IMongoCollection<UserDocument> users, string id, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration,
        CancellationToken cancellationToken)
    {
        var at = now.UtcDateTime;
        var lockEnd = StoreRules.ToMilliseconds(now + lockoutDuration).UtcDateTime;
        var unlocked = Filter.Eq(d => d.Id, id) & Filter.Eq(d => d.LockoutEnd, null);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (maxFailedAttempts > 1 && await MatchedAsync(unlocked & Filter.Lt(d => d.FailedLoginCount, maxFailedAttempts - 1), Update.Inc(d => d.FailedLoginCount, 1)))
            {
                return SignInReservation.Reserved;
            }

            if (await MatchedAsync(unlocked & Filter.Gte(d => d.FailedLoginCount, maxFailedAttempts - 1),
                Update.Inc(d => d.FailedLoginCount, 1).Set(d => d.LockoutEnd, lockEnd)))
            {
                return SignInReservation.ReservedLast;
            }

            if (await MatchedAsync(Filter.Eq(d => d.Id, id) & Filter.Lte(d => d.LockoutEnd, at),
                Update.Set(d => d.FailedLoginCount, 1).Set(d => d.LockoutEnd, maxFailedAttempts > 1 ? null : lockEnd)))
            {
                return maxFailedAttempts > 1 ? SignInReservation.Reserved : SignInReservation.ReservedLast;
            }

            var current = await users.Find(d => d.Id == id).FirstOrDefaultAsync(cancellationToken);
            if (current is null || current.LockoutEnd > at)
            {
                return SignInReservation.Refused;
            }
        }

        return SignInReservation.Refused;

        async Task<bool> MatchedAsync(FilterDefinition<UserDocument> match, UpdateDefinition<UserDocument> change) =>
            (await users.UpdateOneAsync(match, change, cancellationToken: cancellationToken)).MatchedCount == 1;
    }
}
