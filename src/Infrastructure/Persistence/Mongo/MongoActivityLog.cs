using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Account activity on MongoDB (ADR 0054): a document per entry. A failure is inserted, then the user's failures
/// older than the newest <c>failureLimit</c> are deleted: a bounded trim, not one atomic write. Each recorder trims
/// after its own insert and the boundary only moves forward, so once concurrent recorders are done exactly the
/// newest <c>failureLimit</c> failures remain (in between, at most one more per recorder still running).
/// </summary>
public sealed class MongoActivityLog(MongoStore store) : IActivityLog
{
    private static readonly FilterDefinitionBuilder<ActivityDocument> Filter = Builders<ActivityDocument>.Filter;
    private static readonly SortDefinition<ActivityDocument> NewestFirst = Builders<ActivityDocument>.Sort.Descending(d => d.At).Descending(d => d.Id);

    public Task RecordAsync(ActivityEntry entry, int failureLimit, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        await store.Activity.InsertOneAsync(ToDocument(entry), cancellationToken: cancellationToken);
        if (!entry.IsFailure)
        {
            return;
        }

        var failures = Filter.Eq(d => d.UserId, entry.UserId.Value) & Filter.Eq(d => d.Failed, true);
        var boundary = await store.Activity.Find(failures).Sort(NewestFirst).Skip(failureLimit).Limit(1).FirstOrDefaultAsync(cancellationToken);
        if (boundary is not null)
        {
            await store.Activity.DeleteManyAsync(failures & AtOrBefore(boundary.At, boundary.Id), cancellationToken);
        }
    });

    public Task<IReadOnlyList<ActivityEntry>> ListAsync(UserId userId, ActivityPosition? before, int limit, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var filter = Filter.Eq(d => d.UserId, userId.Value);
            if (before is { } b)
            {
                var at = b.At.UtcDateTime;
                filter &= Filter.Lt(d => d.At, at) | (Filter.Eq(d => d.At, at) & Filter.Lt(d => d.Id, b.Id));
            }

            var documents = await store.Activity.Find(filter).Sort(NewestFirst).Limit(limit).ToListAsync(cancellationToken);
            return (IReadOnlyList<ActivityEntry>)documents.Select(ToEntry).ToList();
        });

    public Task<long> DeleteAllAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await store.Activity.DeleteManyAsync(Filter.Eq(d => d.UserId, userId.Value), cancellationToken)).DeletedCount);

    public Task<long> SweepAsync(DateTimeOffset olderThan, int batchSize, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var old = await store.Activity.Find(Filter.Lt(d => d.At, olderThan.UtcDateTime)).Limit(batchSize).ToListAsync(cancellationToken);
        return old.Count == 0
            ? 0
            : (await store.Activity.DeleteManyAsync(Filter.In(d => d.Id, old.Select(d => d.Id)), cancellationToken)).DeletedCount;
    });

    private static FilterDefinition<ActivityDocument> AtOrBefore(DateTime at, string id) =>
        Filter.Lt(d => d.At, at) | (Filter.Eq(d => d.At, at) & Filter.Lte(d => d.Id, id));

    private static ActivityDocument ToDocument(ActivityEntry entry) => new()
    {
        Id = entry.Id,
        UserId = entry.UserId.Value,
        At = entry.At.UtcDateTime,
        Kind = entry.Kind.ToString(),
        Outcome = entry.Outcome.ToString(),
        Failed = entry.IsFailure,
        ClientIp = entry.ClientIp,
        UserAgent = entry.UserAgent,
        SessionId = entry.SessionId,
    };

    private static ActivityEntry ToEntry(ActivityDocument d) => new(
        d.Id, UserId.From(d.UserId), MongoTimes.Utc(d.At), Enum.Parse<ActivityKind>(d.Kind), Enum.Parse<ActivityOutcome>(d.Outcome),
        d.ClientIp, d.UserAgent, d.SessionId);
}
