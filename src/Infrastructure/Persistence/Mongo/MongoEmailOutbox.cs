using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Email;
using CleanAuth.Infrastructure.Email;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;
using static CleanAuth.Infrastructure.Persistence.Mongo.Documents.MongoTimes;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>The email outbox on MongoDB (ADR 0039): one document per message in <c>emailOutbox</c>.</summary>
public sealed class MongoEmailOutbox(MongoStore store, IIdGenerator ids, TimeProvider timeProvider) : IEmailOutbox, IOutboxQueue
{
    private static readonly FilterDefinitionBuilder<MongoOutboxDocument> Filter = Builders<MongoOutboxDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<MongoOutboxDocument> Update = Builders<MongoOutboxDocument>.Update;

    private IMongoCollection<MongoOutboxDocument> Outbox => store.EmailOutbox;

    public Task EnqueueAsync(EmailMessage message, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await Outbox.InsertOneAsync(
            new MongoOutboxDocument
            {
                Id = ObjectId.Parse(ids.NewId()),
                Kind = message.Kind,
                ToAddress = message.ToAddress,
                ToName = message.ToName,
                Subject = message.Subject,
                TextBody = message.TextBody,
                HtmlBody = message.HtmlBody,
                EnqueuedAt = now,
                NextAttemptAt = now,
            },
            cancellationToken: cancellationToken);
    });

    // Each entry is taken by its own conditional FindOneAndUpdate: of two senders racing for one document, the
    // second finds it no longer due and moves on to the next.
    public Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int max, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var due = Filter.Eq(d => d.GaveUpAt, null) & Filter.Lte(d => d.NextAttemptAt, now.UtcDateTime);
            var options = new FindOneAndUpdateOptions<MongoOutboxDocument>
            {
                Sort = Builders<MongoOutboxDocument>.Sort.Ascending(d => d.NextAttemptAt),
                ReturnDocument = ReturnDocument.After,
            };
            var claimed = new List<OutboxEntry>();
            // Stopping part-way returns what was already claimed, for the sender to release, rather than stranding it.
            while (claimed.Count < max && !(claimed.Count > 0 && cancellationToken.IsCancellationRequested))
            {
                var token = Guid.NewGuid().ToString("N");
                MongoOutboxDocument? document;
                try
                {
                    document = await Outbox.FindOneAndUpdateAsync(
                        due,
                        Update.Set(d => d.ClaimToken, token).Set(d => d.NextAttemptAt, (now + lease).UtcDateTime).Inc(d => d.Attempts, 1),
                        options,
                        cancellationToken);
                }
                catch (OperationCanceledException) when (claimed.Count > 0)
                {
                    break;
                }

                if (document is null)
                {
                    break;
                }

                claimed.Add(ToEntry(document));
            }

            return (IReadOnlyList<OutboxEntry>)claimed;
        });

    public Task<bool> ExtendClaimAsync(OutboxEntry entry, DateTimeOffset leaseEnd, CancellationToken cancellationToken) =>
        Settle(entry, Update.Set(d => d.NextAttemptAt, leaseEnd.UtcDateTime), cancellationToken);

    public Task<int> ReleaseAsync(IReadOnlyCollection<OutboxEntry> entries, DateTimeOffset now, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var ids = entries.Select(e => ObjectIds.TryParse(e.Id, out var id) ? id : (ObjectId?)null).OfType<ObjectId>().ToList();
            if (ids.Count == 0)
            {
                return 0;
            }

            var tokens = entries.Select(e => e.ClaimToken).Distinct().ToList();
            var result = await Outbox.UpdateManyAsync(
                Filter.In(d => d.Id, ids) & Filter.In(d => d.ClaimToken, tokens) & Filter.Eq(d => d.GaveUpAt, null),
                Update.Set(d => d.NextAttemptAt, now.UtcDateTime).Set(d => d.ClaimToken, null).Inc(d => d.Attempts, -1),
                cancellationToken: cancellationToken);
            return (int)result.ModifiedCount;
        });

    public Task<long> DeleteGivenUpAsync(DateTimeOffset before, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await Outbox.DeleteManyAsync(d => d.GaveUpAt != null && d.GaveUpAt < before.UtcDateTime, cancellationToken)).DeletedCount);

    public Task<bool> MarkSentAsync(OutboxEntry entry, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        ObjectIds.TryParse(entry.Id, out var id)
        && (await Outbox.DeleteOneAsync(d => d.Id == id && d.ClaimToken == entry.ClaimToken, cancellationToken)).DeletedCount == 1);

    public Task<bool> RetryLaterAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken) =>
        Settle(entry, Update.Set(d => d.NextAttemptAt, nextAttemptAt.UtcDateTime).Set(d => d.ClaimToken, null).Set(d => d.LastError, error), cancellationToken);

    public Task<bool> GiveUpAsync(OutboxEntry entry, DateTimeOffset now, string error, CancellationToken cancellationToken) =>
        Settle(entry, Update.Set(d => d.GaveUpAt, now.UtcDateTime).Set(d => d.ClaimToken, null).Set(d => d.LastError, error)
            .Set(d => d.TextBody, "").Set(d => d.HtmlBody, ""), cancellationToken);

    public Task<long> CountQueuedAsync(CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        Outbox.CountDocumentsAsync(d => d.GaveUpAt == null, cancellationToken: cancellationToken));

    // Matched, not modified: an extension to the lease end already stored (the same clock reading) changes nothing but
    // still proves the claim is held.
    private Task<bool> Settle(OutboxEntry entry, UpdateDefinition<MongoOutboxDocument> update, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
            ObjectIds.TryParse(entry.Id, out var id)
            && (await Outbox.UpdateOneAsync(d => d.Id == id && d.ClaimToken == entry.ClaimToken && d.GaveUpAt == null, update, cancellationToken: cancellationToken)).MatchedCount == 1);

    private static OutboxEntry ToEntry(MongoOutboxDocument d) => new(
        d.Id.ToString(),
        new EmailMessage(d.Kind, d.ToAddress, d.ToName, d.Subject, d.TextBody, d.HtmlBody),
        d.Attempts,
        d.ClaimToken ?? "",
        Utc(d.EnqueuedAt));
}
