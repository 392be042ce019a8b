using CleanAuth.Infrastructure.Hosting;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Creates the indexes at start-up. If MongoDB is not reachable yet the API still starts (and
/// answers 503 until it is) while this keeps retrying in the background.
/// </summary>
public sealed partial class MongoIndexInitializer(MongoStore store, TimeProvider timeProvider, ILogger<MongoIndexInitializer> logger)
    : RetryingStartupTask(timeProvider)
{
    private static readonly TimeSpan Retention = StorageOptions.RefreshTokenRetention;

    /// <summary>Every index the adapter relies on; unique ones are the guarantees under concurrency. Idempotent.</summary>
    public static Task CreateIndexesAsync(MongoStore store, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var user = Builders<UserDocument>.IndexKeys;
        await store.Users.Indexes.CreateManyAsync(
            [
                new(user.Ascending(u => u.NormalizedEmail), new CreateIndexOptions { Unique = true, Name = "ux_users_normalizedEmail" }),
                new(user.Ascending(u => u.Roles), new CreateIndexOptions { Name = "ix_users_roles" }),
                new(user.Ascending(u => u.ErasingAt), new CreateIndexOptions { Name = "ix_users_erasingAt", Sparse = true }),
            ],
            cancellationToken);
        await MongoActiveAdmins.EnsureCountedAsync(store, cancellationToken);

        var token = Builders<MongoRefreshTokenDocument>.IndexKeys;
        await store.RefreshTokens.Indexes.CreateManyAsync(
            [
                new(token.Ascending(t => t.TokenHash), new CreateIndexOptions { Unique = true, Name = "ux_refreshTokens_tokenHash" }),
                new(token.Ascending(t => t.FamilyId), new CreateIndexOptions { Name = "ix_refreshTokens_familyId" }),
                new(token.Ascending(t => t.UserId), new CreateIndexOptions { Name = "ix_refreshTokens_userId" }),
                new(token.Ascending(t => t.FamilyExpiresAt),
                    new CreateIndexOptions { Name = "ttl_refreshTokens_familyExpiresAt", ExpireAfter = Retention }),
            ],
            cancellationToken);

        var family = Builders<MongoRefreshFamilyDocument>.IndexKeys;
        await store.RefreshFamilies.Indexes.CreateManyAsync(
            [
                new(family.Ascending(f => f.UserId), new CreateIndexOptions { Name = "ix_refreshFamilies_userId" }),
                new(family.Ascending(f => f.ExpiresAt), new CreateIndexOptions { Name = "ttl_refreshFamilies_expiresAt", ExpireAfter = Retention }),
            ],
            cancellationToken);

        foreach (var codes in new[] { store.ConfirmationCodes, store.ResetCodes })
        {
            await codes.Indexes.CreateOneAsync(
                new CreateIndexModel<AccountCodeDocument>(
                    Builders<AccountCodeDocument>.IndexKeys.Ascending(c => c.ExpiresAt),
                    new CreateIndexOptions { Name = "ttl_expiresAt", ExpireAfter = TimeSpan.FromDays(1) }),
                cancellationToken: cancellationToken);
        }
        // The second factor (ADR 0041) is found by _id alone; the admin list's page lookup filters on enabledAt among those ids.
        await store.TwoFactor.Indexes.CreateOneAsync(
            new CreateIndexModel<TwoFactorDocument>(
                Builders<TwoFactorDocument>.IndexKeys.Ascending(d => d.EnabledAt), new CreateIndexOptions { Name = "ix_twoFactor_enabledAt", Sparse = true }),
            cancellationToken: cancellationToken);

        // Passkeys (ADR 0058): listed per user; the credential id is unique through _id, the index here is a second guard
        // on a real server. Ceremonies leave by TTL once expired (the consume's filter refuses them before that).
        var passkey = Builders<PasskeyDocument>.IndexKeys;
        await store.Passkeys.Indexes.CreateManyAsync(
            [
                new(passkey.Ascending(p => p.UserId).Ascending(p => p.CreatedAt), new CreateIndexOptions { Name = "ix_passkeys_userId" }),
                new(passkey.Ascending(p => p.CredentialId), new CreateIndexOptions { Unique = true, Name = "ux_passkeys_credentialId" }),
            ],
            cancellationToken);
        await store.PasskeyCeremonies.Indexes.CreateOneAsync(
            new CreateIndexModel<PasskeyCeremonyDocument>(
                Builders<PasskeyCeremonyDocument>.IndexKeys.Ascending(c => c.ExpiresAt), new CreateIndexOptions { Name = "ttl_passkeyCeremonies_expiresAt", ExpireAfter = TimeSpan.Zero }),
            cancellationToken: cancellationToken);

        var book = Builders<BookDocument>.IndexKeys;
        await store.Books.Indexes.CreateManyAsync(
            [
                new(book.Ascending(b => b.OwnerId).Ascending(b => b.NormalizedTitle), new CreateIndexOptions { Unique = true, Name = "ux_books_owner_title" }),
                new(book.Ascending(b => b.OwnerId).Descending(b => b.CreatedAt).Descending(b => b.Id), new CreateIndexOptions { Name = "ix_books_owner_created" }),
                new(book.Ascending(b => b.OwnerId).Ascending(b => b.AuthorId), new CreateIndexOptions { Name = "ix_books_owner_author" }),
                // The other orders of the list and their keyset pages (ADR 0057); scanned backwards for descending.
                new(book.Ascending(b => b.OwnerId).Ascending(b => b.UpdatedAt).Ascending(b => b.Id), new CreateIndexOptions { Name = "ix_books_owner_updated" }),
                new(book.Ascending(b => b.OwnerId).Ascending(b => b.NormalizedTitle).Ascending(b => b.Id), new CreateIndexOptions { Name = "ix_books_owner_title_id" }),
            ],
            cancellationToken);

        await store.Authors.Indexes.CreateOneAsync(
            new CreateIndexModel<AuthorDocument>(
                Builders<AuthorDocument>.IndexKeys.Ascending(a => a.OwnerId).Ascending(a => a.Name),
                new CreateIndexOptions { Name = "ix_authors_owner_name" }),
            cancellationToken: cancellationToken);

        // Account activity (ADR 0054): a user's page newest first, the cap's trim of failures, the sweep by age.
        var activity = Builders<ActivityDocument>.IndexKeys;
        await store.Activity.Indexes.CreateManyAsync(
            [
                new(activity.Ascending(d => d.UserId).Descending(d => d.At).Descending(d => d.Id), new CreateIndexOptions { Name = "ix_activity_user_newest" }),
                new(activity.Ascending(d => d.UserId).Ascending(d => d.Failed).Descending(d => d.At).Descending(d => d.Id),
                    new CreateIndexOptions { Name = "ix_activity_user_failures" }),
                new(activity.Ascending(d => d.At), new CreateIndexOptions { Name = "ix_activity_at" }),
            ],
            cancellationToken);

        // The claim's query: due entries not given up, oldest due first.
        await store.EmailOutbox.Indexes.CreateOneAsync(
            new CreateIndexModel<MongoOutboxDocument>(
                Builders<MongoOutboxDocument>.IndexKeys.Ascending(d => d.GaveUpAt).Ascending(d => d.NextAttemptAt),
                new CreateIndexOptions { Name = "ix_emailOutbox_due" }),
            cancellationToken: cancellationToken);
    });

    protected override async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateIndexesAsync(store, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogIndexCreationFailed(logger, ex);
            return false;
        }
    }

    [LoggerMessage(EventId = 2100, EventName = "MongoIndexCreationFailed", Level = LogLevel.Error,
        Message = "Could not create the MongoDB indexes; retrying in the background")]
    private static partial void LogIndexCreationFailed(ILogger logger, Exception exception);
}
