using CleanAuth.Application.Common.Abstractions;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteRefreshTokenStore(LiteStore store) : IRefreshTokenStore
{
    private ILiteCollection<LiteRefreshTokenDocument> Tokens => store.RefreshTokens;

    public Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken)
    {
        store.Write(() => Tokens.Insert(LiteRefreshTokenDocument.From(token)));
        return Task.CompletedTask;
    }

    // LiteDB compares strings ignoring case by default; the ordinal check keeps the match exact, as in MongoDB.
    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        Tokens.Find(Query.EQ(nameof(LiteRefreshTokenDocument.TokenHash), tokenHash))
            .FirstOrDefault(d => string.Equals(d.TokenHash, tokenHash, StringComparison.Ordinal))?.ToToken()));

    // The store's write gate makes the read-check-write one step, the embedded form of a conditional update.
    public Task<bool> TrySpendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(store.Write(() =>
    {
        if (!LiteStore.TryParseId(id, out var objectId) || Tokens.FindById(objectId) is not { SpentAt: null, RevokedAt: null } token)
        {
            return false;
        }

        token.SpentAt = now.UtcDateTime;
        return Tokens.Update(token);
    }));

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(nameof(LiteRefreshTokenDocument.FamilyId), familyId, now);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(nameof(LiteRefreshTokenDocument.UserId), userId, now);

    private Task Revoke(string field, string value, DateTimeOffset now)
    {
        store.Write(() =>
        {
            var live = Tokens.Find(Query.And(Query.EQ(field, value), Query.EQ(nameof(LiteRefreshTokenDocument.RevokedAt), BsonValue.Null))).ToList();
            foreach (var token in live)
            {
                token.RevokedAt = now.UtcDateTime;
            }

            return Tokens.Update(live);
        });
        return Task.CompletedTask;
    }
}
