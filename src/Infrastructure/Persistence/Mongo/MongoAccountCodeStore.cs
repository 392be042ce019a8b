using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// One-time account codes on MongoDB (ADR 0040, ADR 0043): one document per user in the collection of the code's purpose, its id
/// the user's. Issuing replaces it (upsert); a presentation is decided by one conditional delete (a single-document
/// atomic write), and a miss writes nothing (ADR 0043).
/// </summary>
public sealed class MongoAccountCodeStore(MongoStore store) : IAccountCodeStore
{
    private static readonly FilterDefinitionBuilder<AccountCodeDocument> Filter = Builders<AccountCodeDocument>.Filter;

    public Task IssueAsync(UserId userId, AccountCodePurpose purpose, string codeHash, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var document = new AccountCodeDocument { UserId = ObjectId.Parse(userId.Value), CodeHash = codeHash, ExpiresAt = expiresAt.UtcDateTime };
            await Codes(purpose).ReplaceOneAsync(d => d.UserId == document.UserId, document, new ReplaceOptions { IsUpsert = true }, cancellationToken);
        });

    public Task<CodeCheck> TryConsumeAsync(UserId user, AccountCodePurpose purpose, string codeHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            var codes = Codes(purpose);
            var live = Filter.Eq(d => d.UserId, ObjectId.Parse(user.Value)) & Filter.Gt(d => d.ExpiresAt, now.UtcDateTime);
            if ((await codes.DeleteOneAsync(live & Filter.Eq(d => d.CodeHash, codeHash), cancellationToken)).DeletedCount == 1)
            {
                return CodeCheck.Consumed;
            }

            // Every miss makes this same read, with or without a live code or an account, so its cost says nothing (ADR 0043).
            return await codes.Find(live).AnyAsync(cancellationToken) ? CodeCheck.Wrong : CodeCheck.NoLiveCode;
        });

    private IMongoCollection<AccountCodeDocument> Codes(AccountCodePurpose purpose) =>
        purpose == AccountCodePurpose.EmailConfirmation ? store.ConfirmationCodes : store.ResetCodes;
}
