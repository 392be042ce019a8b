using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// One-time account codes on MongoDB (ADR 0040): one document per user in the collection of the code's purpose, its id
/// the user's. Issuing replaces it (upsert); a presentation is decided by one conditional delete, and a miss by one
/// upserting increment that always writes and returns the document as it was — each a single-document atomic write.
/// </summary>
public sealed class MongoAccountCodeStore(MongoStore store) : IAccountCodeStore
{
    private static readonly FilterDefinitionBuilder<AccountCodeDocument> Filter = Builders<AccountCodeDocument>.Filter;

    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var document = new AccountCodeDocument { UserId = ObjectId.Parse(userId.Value), CodeHash = codeHash, ExpiresAt = expiresAt.UtcDateTime, Attempts = 0 };
            await Codes(purpose).ReplaceOneAsync(d => d.UserId == document.UserId, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
        });

    public Task<CodeCheck> TryConsumeAsync(
        UserId user, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var codes = Codes(purpose);
            var userId = ObjectId.Parse(user.Value);
            var live = Filter.Eq(d => d.UserId, userId) & Filter.Gt(d => d.ExpiresAt, now.UtcDateTime) & Filter.Lt(d => d.Attempts, maxAttempts);
            if ((await codes.DeleteOneAsync(live & Filter.Eq(d => d.CodeHash, codeHash), cancellationToken)).DeletedCount == 1)
            {
                return CodeCheck.Consumed;
            }

            // A miss writes the document whatever its state, so that a wrong code costs the same for an account with a live
            // code as for one without, or for nobody (ADR 0040): it is created dead (expiring now) if missing, and its attempts
            // go up by one. Whether this try counted against a live code is read from the document as it was just before.
            var update = Builders<AccountCodeDocument>.Update.Inc(d => d.Attempts, 1)
                .SetOnInsert(d => d.CodeHash, "").SetOnInsert(d => d.ExpiresAt, now.UtcDateTime);
            var before = await codes.FindOneAndUpdateAsync(Filter.Eq(d => d.UserId, userId), update,
                new FindOneAndUpdateOptions<AccountCodeDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.Before }, cancellationToken);
            var counted = before is not null && before.ExpiresAt > now.UtcDateTime && before.Attempts < maxAttempts && before.CodeHash != codeHash;
            return counted ? CodeCheck.Wrong : CodeCheck.NoLiveCode;
        });

    private IMongoCollection<AccountCodeDocument> Codes(AccountCodePurpose purpose) =>
        purpose == AccountCodePurpose.EmailConfirmation ? store.ConfirmationCodes : store.ResetCodes;
}
