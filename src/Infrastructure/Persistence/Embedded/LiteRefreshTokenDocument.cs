using CleanAuth.Application.Common.Abstractions;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteRefreshTokenDocument
{
    [BsonId]
    public ObjectId Id { get; set; } = ObjectId.Empty;

    public string TokenHash { get; set; } = "";

    public string UserId { get; set; } = "";

    public string FamilyId { get; set; } = "";

    public string SecurityStamp { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime FamilyExpiresAt { get; set; }

    public DateTime? SpentAt { get; set; }

    public DateTime? RevokedAt { get; set; }

    public static LiteRefreshTokenDocument From(StoredRefreshToken token) => new()
    {
        Id = new ObjectId(token.Id),
        TokenHash = token.TokenHash,
        UserId = token.UserId,
        FamilyId = token.FamilyId,
        SecurityStamp = token.SecurityStamp,
        CreatedAt = token.CreatedAt.UtcDateTime,
        ExpiresAt = token.ExpiresAt.UtcDateTime,
        FamilyExpiresAt = token.FamilyExpiresAt.UtcDateTime,
        SpentAt = token.SpentAt?.UtcDateTime,
        RevokedAt = token.RevokedAt?.UtcDateTime,
    };

    public StoredRefreshToken ToToken() => new(
        Id.ToString(), TokenHash, UserId, FamilyId, SecurityStamp, Utc(CreatedAt), Utc(ExpiresAt), Utc(FamilyExpiresAt),
        SpentAt is { } spent ? Utc(spent) : null, RevokedAt is { } revoked ? Utc(revoked) : null);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
