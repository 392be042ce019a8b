using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// One-time account codes on MongoDB (ADR 0040): one document per user in the collection of the code's purpose, its id
/// the user's. Issuing replaces it (upsert); a presentation is decided by one conditional delete, and a miss is counted
/// by one conditional increment that stops at the maximum — each a single-document atomic write.
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
        UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var codes = Codes(purpose);
            var live = Filter.Eq(d => d.UserId, ObjectId.Parse(userId.Value)) & Filter.Gt(d => d.ExpiresAt, now.UtcDateTime) & Filter.Lt(d => d.Attempts, maxAttempts);
            if ((await codes.DeleteOneAsync(live & Filter.Eq(d => d.CodeHash, codeHash), cancellationToken)).DeletedCount == 1)
            {
                return CodeCheck.Consumed;
            }

            // Not this hash: a right code issued between the two writes is not charged for the miss.
            var counted = await codes.UpdateOneAsync(live & Filter.Ne(d => d.CodeHash, codeHash), Builders<AccountCodeDocument>.Update.Inc(d => d.Attempts, 1),
                cancellationToken: cancellationToken);
            return counted.ModifiedCount == 1 ? CodeCheck.Wrong : CodeCheck.NoLiveCode;
        });

    private IMongoCollection<AccountCodeDocument> Codes(AccountCodePurpose purpose) =>
        purpose == AccountCodePurpose.EmailConfirmation ? store.ConfirmationCodes : store.ResetCodes;
}
