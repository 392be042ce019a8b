using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;
using static CleanAuth.Infrastructure.Persistence.Mongo.Documents.MongoTimes;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Sessions and refresh tokens on MongoDB without multi-document transactions (ADR 0032, 0053): a session is a refresh
/// family, whose state (current token, last rotation, revocation) is one document of
/// <c>refreshFamilies</c>, and every decision is one conditional update of it; <c>refreshTokens</c> maps every
/// issued hash to its family, so that a token the family has moved past is recognised when it is replayed.
/// </summary>
public sealed class MongoRefreshTokenStore(MongoStore store) : IRefreshTokenStore
{
    private static readonly UpdateDefinitionBuilder<MongoRefreshFamilyDocument> Update = Builders<MongoRefreshFamilyDocument>.Update;

    private IMongoCollection<MongoRefreshTokenDocument> Tokens => store.RefreshTokens;

    private IMongoCollection<MongoRefreshFamilyDocument> Families => store.RefreshFamilies;

    // The token first, then the family that makes it live: a crash between them leaves a token nobody was given.
    public Task StartSessionAsync(StoredRefreshToken token, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        await Tokens.InsertOneAsync(MongoRefreshTokenDocument.From(token), cancellationToken: cancellationToken);
        await Families.InsertOneAsync(
            new MongoRefreshFamilyDocument
            {
                Id = ObjectId.Parse(token.SessionId),
                UserId = ObjectId.Parse(token.UserId.Value),
                SecurityStamp = token.SecurityStamp,
                CreatedAt = token.CreatedAt.UtcDateTime,
                ExpiresAt = token.SessionExpiresAt.UtcDateTime,
                CurrentHash = token.TokenHash,
                CurrentExpiresAt = token.ExpiresAt.UtcDateTime,
                SignedInAt = token.SignedInAt?.UtcDateTime,
                UserAgent = token.UserAgent,
                ClientIp = token.ClientIp,
            },
            cancellationToken: cancellationToken);
    });

    // Tokens written before families existed have none: those sessions have ended (ADR 0032).
    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var token = await Tokens.Find(d => d.TokenHash == tokenHash).FirstOrDefaultAsync(cancellationToken);
        var family = token is null ? null : await Families.Find(f => f.Id == token.FamilyId).FirstOrDefaultAsync(cancellationToken);
        return family is null ? null : ToToken(token!, family);
    });

    // The conditional update of the family document decides. The new token's document is written before it (a
    // rotation that loses leaves that token unreachable, and it is removed); the spent mark after it is a record only.
    public Task<bool> TryRotateAsync(StoredRefreshToken spent, StoredRefreshToken next, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (!ObjectIds.TryParse(spent.SessionId, out var familyId))
        {
            return false;
        }

        var now = next.CreatedAt.UtcDateTime;
        var nextDocument = MongoRefreshTokenDocument.From(next);
        await Tokens.InsertOneAsync(nextDocument, cancellationToken: cancellationToken);
        var result = await Families.UpdateOneAsync(
            f => f.Id == familyId && f.CurrentHash == spent.TokenHash && f.RevokedAt == null && f.CurrentExpiresAt > now && f.ExpiresAt > now,
            Update.Set(f => f.CurrentHash, next.TokenHash).Set(f => f.CurrentExpiresAt, next.ExpiresAt.UtcDateTime).Set(f => f.RotatedAt, now),
            cancellationToken: cancellationToken);
        if (result.ModifiedCount != 1)
        {
            await Tokens.DeleteOneAsync(d => d.Id == nextDocument.Id, CancellationToken.None);
            return false;
        }

        await Tokens.UpdateOneAsync(d => d.TokenHash == spent.TokenHash, Builders<MongoRefreshTokenDocument>.Update.Set(d => d.SpentAt, now),
            cancellationToken: CancellationToken.None);
        return true;
    });

    // The owner is part of the filter: another user's id matches no document, exactly as an unknown one.
    public Task<bool> EndSessionAsync(UserId userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        ObjectIds.TryParse(sessionId, out var id) && ObjectIds.TryParse(userId.Value, out var owner)
        && (await Families.UpdateOneAsync(f => f.Id == id && f.UserId == owner && f.RevokedAt == null, Update.Set(f => f.RevokedAt, now.UtcDateTime),
            cancellationToken: cancellationToken)).ModifiedCount == 1);

    public Task EndAllSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var id = ObjectId.Parse(userId.Value);
        await Families.UpdateManyAsync(f => f.UserId == id && f.RevokedAt == null, Update.Set(f => f.RevokedAt, now.UtcDateTime),
            cancellationToken: cancellationToken);
    });

    public Task<IReadOnlyList<Session>> ListSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var owner = ObjectId.Parse(userId.Value);
        var at = now.UtcDateTime;
        var families = await Families.Find(f => f.UserId == owner && f.RevokedAt == null && f.ExpiresAt > at && f.CurrentExpiresAt > at)
            .SortByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).ToListAsync(cancellationToken);
        return (IReadOnlyList<Session>)[.. families.Select(f => new Session(
            f.Id.ToString(), Utc(f.CreatedAt), Utc(f.RotatedAt ?? f.CreatedAt), f.UserAgent, f.ClientIp))];
    });

    private static StoredRefreshToken ToToken(MongoRefreshTokenDocument token, MongoRefreshFamilyDocument family) => new(
        token.Id.ToString(), token.TokenHash, UserId.From(family.UserId.ToString()), family.Id.ToString(), family.SecurityStamp,
        Utc(token.CreatedAt), Utc(token.ExpiresAt), Utc(family.ExpiresAt),
        token.TokenHash == family.CurrentHash ? null : Utc(token.SpentAt ?? family.RotatedAt ?? family.CreatedAt),
        family.RevokedAt is { } revoked ? Utc(revoked) : null,
        family.SignedInAt is { } signedIn ? Utc(signedIn) : null,
        family.UserAgent,
        family.ClientIp);
}
