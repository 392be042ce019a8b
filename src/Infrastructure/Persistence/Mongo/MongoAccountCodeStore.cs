using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// One-time account codes on MongoDB (ADR 0040): one document per (user, purpose). Issuing replaces it (upsert); a
/// presentation is decided by one conditional delete, and a miss is counted by one conditional increment that stops
/// at the maximum — each a single-document atomic write.
/// </summary>
public sealed class MongoAccountCodeStore(MongoStore store) : IAccountCodeStore
{
    private static readonly FilterDefinitionBuilder<AccountCodeDocument> Filter = Builders<AccountCodeDocument>.Filter;

    private IMongoCollection<AccountCodeDocument> Codes => store.AccountCodes;

    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var document = new AccountCodeDocument { Id = Key(userId, purpose), CodeHash = codeHash, ExpiresAt = expiresAt.UtcDateTime, Attempts = 0 };
            await Codes.ReplaceOneAsync(d => d.Id == document.Id, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
        });

    public Task<CodeCheck> TryConsumeAsync(
        UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, int maxAttempts, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var live = Filter.Eq(d => d.Id, Key(userId, purpose)) & Filter.Gt(d => d.ExpiresAt, now.UtcDateTime) & Filter.Lt(d => d.Attempts, maxAttempts);
            var deleted = await Codes.DeleteOneAsync(live & Filter.Eq(d => d.CodeHash, codeHash), cancellationToken);
            if (deleted.DeletedCount == 1)
            {
                return CodeCheck.Consumed;
            }

            var counted = await Codes.UpdateOneAsync(live & Filter.Ne(d => d.CodeHash, codeHash), Builders<AccountCodeDocument>.Update.Inc(d => d.Attempts, 1),
                cancellationToken: cancellationToken);
            return counted.ModifiedCount == 1 ? CodeCheck.Wrong : CodeCheck.NoLiveCode;
        });

    private static string Key(UserId userId, AccountCodePurpose purpose) => $"{userId.Value}:{purpose}";
}
