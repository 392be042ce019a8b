using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// A refresh-token family's whole state in one document (ADR 0032): which token is current and whether the family
/// is revoked. Rotation and revocation are single conditional updates of this document, so neither can outrun the other.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class MongoRefreshFamilyDocument
{
    /// <summary>The family id.</summary>
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("userId")]
    public ObjectId UserId { get; set; }

    /// <summary>The user's security stamp at the login that started the family.</summary>
    [BsonElement("securityStamp")]
    public string SecurityStamp { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    /// <summary>The absolute end; a TTL index removes the family some time after it.</summary>
    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }

    /// <summary>SHA-256 (hex) of the one token that may be spent next.</summary>
    [BsonElement("currentHash")]
    public string CurrentHash { get; set; } = "";

    [BsonElement("currentExpiresAt")]
    public DateTime CurrentExpiresAt { get; set; }

    [BsonElement("rotatedAt")]
    public DateTime? RotatedAt { get; set; }

    [BsonElement("revokedAt")]
    public DateTime? RevokedAt { get; set; }

    /// <summary>When the sign-in that started the family happened (ADR 0047); absent in families from before it was kept.</summary>
    [BsonElement("signedInAt")]
    public DateTime? SignedInAt { get; set; }

    /// <summary>The sign-in's user agent, capped (ADR 0053); absent in families from before it was kept.</summary>
    [BsonElement("userAgent")]
    public string? UserAgent { get; set; }

    /// <summary>The sign-in's client address as the API saw it (ADR 0053); absent in families from before it was kept.</summary>
    [BsonElement("clientIp")]
    public string? ClientIp { get; set; }
}
