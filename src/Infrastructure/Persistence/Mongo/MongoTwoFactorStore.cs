using System.Text.RegularExpressions;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// The second factor on MongoDB (ADR 0041): one document per user, each change one conditional update of it —
/// <c>lastStep: {$lt: step}</c> accepts a time step once, <c>$pull</c> with a matching filter spends a recovery code once.
/// </summary>
public sealed class MongoTwoFactorStore(MongoStore store) : ITwoFactorStore
{
    private static readonly FilterDefinitionBuilder<TwoFactorDocument> Filter = Builders<TwoFactorDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<TwoFactorDocument> Update = Builders<TwoFactorDocument>.Update;
    private static readonly FilterDefinition<TwoFactorDocument> IsEnabled = Filter.Ne(d => d.EnabledAt, null);

    public Task<TwoFactorState?> FindAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var document = await store.TwoFactor.Find(ById(userId)).FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new TwoFactorState(userId, document.Secret, document.PendingSecret, MongoTimes.Utc(document.EnabledAt), document.LastStep, document.RecoveryCodes);
    });

    public Task<IReadOnlySet<UserId>> EnabledAmongAsync(IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (userIds.Count == 0)
        {
            return (IReadOnlySet<UserId>)new HashSet<UserId>();
        }

        // Whole documents (a page holds at most 100): not every MongoDB-wire server honours a projection to _id alone.
        var enabled = await store.TwoFactor.Find(Filter.In(d => d.UserId, userIds.Select(u => u.Value)) & IsEnabled).ToListAsync(cancellationToken);
        return enabled.Select(d => UserId.From(d.UserId)).ToHashSet();
    });

    // Each step is one atomic single-document write: replace the pending secret of a record that is not enabled, or
    // create the record. An insert refused as a duplicate means a record appeared meanwhile (or is enabled): look again.
    public Task<bool> TryBeginSetupAsync(UserId userId, string pendingSecret, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var replaced = await store.TwoFactor.UpdateOneAsync(
                ById(userId) & Filter.Eq(d => d.EnabledAt, null), Update.Set(d => d.PendingSecret, pendingSecret), cancellationToken: cancellationToken);
            if (replaced.MatchedCount == 1)
            {
                return true;
            }

            try
            {
                await store.TwoFactor.InsertOneAsync(new TwoFactorDocument { UserId = userId.Value, PendingSecret = pendingSecret }, cancellationToken: cancellationToken);
                return true;
            }
            catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
            {
                if (await store.TwoFactor.Find(ById(userId) & IsEnabled).AnyAsync(cancellationToken))
                {
                    return false;
                }
            }
        }

        return false;
    });

    public Task<bool> TryEnableAsync(
        UserId userId, string pendingSecret, long step, IReadOnlyCollection<string> recoveryCodeHashes, DateTimeOffset now, CancellationToken cancellationToken) =>
        Modified(
            ById(userId) & Filter.Eq(d => d.PendingSecret, pendingSecret) & Filter.Eq(d => d.EnabledAt, null),
            Update.Set(d => d.Secret, pendingSecret).Set(d => d.PendingSecret, null).Set(d => d.EnabledAt, StoreRules.ToMilliseconds(now).UtcDateTime)
                .Set(d => d.LastStep, step).Set(d => d.RecoveryCodes, [.. recoveryCodeHashes]),
            cancellationToken);

    public Task<bool> TryAcceptStepAsync(UserId userId, long step, CancellationToken cancellationToken) => Modified(
        ById(userId) & IsEnabled & Filter.Lt(d => d.LastStep, step), Update.Set(d => d.LastStep, step), cancellationToken);

    public Task<bool> TrySpendRecoveryCodeAsync(UserId userId, string codeHash, CancellationToken cancellationToken) => Modified(
        ById(userId) & IsEnabled & Filter.AnyEq(d => d.RecoveryCodes, codeHash), Update.Pull(d => d.RecoveryCodes, codeHash), cancellationToken);

    public Task<bool> TryReplaceRecoveryCodesAsync(UserId userId, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await store.TwoFactor.UpdateOneAsync(ById(userId) & IsEnabled, Update.Set(d => d.RecoveryCodes, [.. codeHashes]), cancellationToken: cancellationToken))
            .MatchedCount == 1);

    public Task<bool> RemoveAsync(UserId userId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        await store.TwoFactor.FindOneAndDeleteAsync(ById(userId), cancellationToken: cancellationToken) is { EnabledAt: not null });

    // A regular expression with a negative lookahead: a secret that starts with none of the prefixes.
    public Task<string?> FindSecretWithoutPrefixAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var stray = new BsonRegularExpression($"^(?!(?:{string.Join('|', prefixes.Select(Regex.Escape))}))");
        var document = await store.TwoFactor.Find(Filter.Regex(d => d.Secret, stray) | Filter.Regex(d => d.PendingSecret, stray)).FirstOrDefaultAsync(cancellationToken);
        return document is null
            ? null
            : new[] { document.Secret, document.PendingSecret }.FirstOrDefault(s => s is not null && !prefixes.Any(p => s.StartsWith(p, StringComparison.Ordinal)));
    });

    private static FilterDefinition<TwoFactorDocument> ById(UserId userId) => Filter.Eq(d => d.UserId, userId.Value);

    private Task<bool> Modified(FilterDefinition<TwoFactorDocument> filter, UpdateDefinition<TwoFactorDocument> update, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () => (await store.TwoFactor.UpdateOneAsync(filter, update, cancellationToken: cancellationToken)).ModifiedCount == 1);
}
