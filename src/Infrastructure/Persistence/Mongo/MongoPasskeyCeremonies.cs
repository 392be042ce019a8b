using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Passkey ceremonies on MongoDB (ADR 0058): consumed by one <c>findOneAndDelete</c> whose filter holds every condition
/// (kind, user, not expired), so of two finishes exactly one gets the document; a TTL index sweeps the rest.
/// </summary>
public sealed class MongoPasskeyCeremonies(MongoStore store) : IPasskeyCeremonies
{
    private static readonly FilterDefinitionBuilder<PasskeyCeremonyDocument> Filter = Builders<PasskeyCeremonyDocument>.Filter;

    public Task AddAsync(PasskeyCeremony ceremony, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        await store.PasskeyCeremonies.InsertOneAsync(
            new PasskeyCeremonyDocument
            {
                Id = ceremony.Id,
                Kind = ceremony.Kind.ToString(),
                UserId = ceremony.UserId?.Value,
                Options = ceremony.Options,
                ExpiresAt = StoredTime.ToMilliseconds(ceremony.ExpiresAt).UtcDateTime,
            },
            cancellationToken: cancellationToken);
        return true;
    });

    public Task<PasskeyCeremony?> TryConsumeAsync(string id, PasskeyCeremonyKind kind, UserId? userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var filter = Filter.Eq(d => d.Id, id) & Filter.Eq(d => d.Kind, kind.ToString()) & Filter.Eq(d => d.UserId, userId?.Value)
                & Filter.Gt(d => d.ExpiresAt, now.UtcDateTime);
            return await store.PasskeyCeremonies.FindOneAndDeleteAsync(filter, cancellationToken: cancellationToken) is { } d
                ? new PasskeyCeremony(id, kind, userId, d.Options, MongoTimes.Utc(d.ExpiresAt))
                : null;
        });
}
