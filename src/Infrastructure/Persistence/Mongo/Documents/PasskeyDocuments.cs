using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// A passkey (ADR 0058). Its <c>_id</c> is derived from the credential id, so the insert that would give one
/// credential to two accounts fails on <c>_id</c> — enforced even by a MongoDB-wire server without unique indexes.
/// Byte fields are base64 text: the MongoDB-wire test server rewrites binary values when it updates a document.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class PasskeyDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("userId")]
    [BsonRepresentation(BsonType.ObjectId)]
    public string UserId { get; set; } = "";

    [BsonElement("credentialId")]
    public string CredentialId { get; set; } = "";

    /// <summary>The COSE public key the authenticator made.</summary>
    [BsonElement("publicKey")]
    public string PublicKey { get; set; } = "";

    [BsonElement("signCount")]
    public long SignCount { get; set; }

    [BsonElement("backupEligible")]
    public bool BackupEligible { get; set; }

    [BsonElement("backedUp")]
    public bool BackedUp { get; set; }

    [BsonElement("transports")]
    public List<string> Transports { get; set; } = [];

    [BsonElement("userHandle")]
    public string UserHandle { get; set; } = "";

    [BsonElement("name")]
    public string Name { get; set; } = "";

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("lastUsedAt")]
    public DateTime? LastUsedAt { get; set; }
}

/// <summary>A begun passkey ceremony (ADR 0058), deleted by the one conditional write that consumes it or by the TTL index.</summary>
[BsonIgnoreExtraElements]
public sealed class PasskeyCeremonyDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("userId")]
    public string? UserId { get; set; }

    /// <summary>The options JSON sent to the client, challenge included.</summary>
    [BsonElement("options")]
    public string Options { get; set; } = "";

    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }
}
