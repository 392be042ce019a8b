using CleanAuth.Application.Accounts.Ports;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

[BsonIgnoreExtraElements]
public sealed class MongoRefreshTokenDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    /// <summary>SHA-256 (hex) of the token; the token itself is never stored.</summary>
    [BsonElement("tokenHash")]
    public string TokenHash { get; set; } = "";

    [BsonElement("userId")]
    public ObjectId UserId { get; set; }

    [BsonElement("familyId")]
    public ObjectId FamilyId { get; set; }

    [BsonElement("securityStamp")]
    public string SecurityStamp { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }

    /// <summary>A TTL index removes a token some time after its family can no longer be used.</summary>
    [BsonElement("familyExpiresAt")]
    public DateTime FamilyExpiresAt { get; set; }

    [BsonElement("spentAt")]
    public DateTime? SpentAt { get; set; }

    [BsonElement("revokedAt")]
    public DateTime? RevokedAt { get; set; }

    public static MongoRefreshTokenDocument From(StoredRefreshToken token) => new()
    {
        Id = ObjectId.Parse(token.Id),
        TokenHash = token.TokenHash,
        UserId = ObjectId.Parse(token.UserId.Value),
        FamilyId = ObjectId.Parse(token.SessionId),
        SecurityStamp = token.SecurityStamp,
        CreatedAt = token.CreatedAt.UtcDateTime,
        ExpiresAt = token.ExpiresAt.UtcDateTime,
        FamilyExpiresAt = token.SessionExpiresAt.UtcDateTime,
        SpentAt = token.SpentAt?.UtcDateTime,
        RevokedAt = token.RevokedAt?.UtcDateTime,
    };
}
