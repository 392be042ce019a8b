using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// A user's second factor in one document keyed by the user id (ADR 0041), so every change to it — a time step
/// accepted, a recovery code spent — is one conditional update of one document.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class TwoFactorDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string UserId { get; set; } = "";

    /// <summary>The enabled authenticator key's ciphertext.</summary>
    [BsonElement("secret")]
    public string? Secret { get; set; }

    /// <summary>The ciphertext of a key set up but not yet confirmed with a code.</summary>
    [BsonElement("pendingSecret")]
    public string? PendingSecret { get; set; }

    [BsonElement("enabledAt")]
    public DateTime? EnabledAt { get; set; }

    /// <summary>The latest accepted time step; a code of this step or an earlier one is refused.</summary>
    [BsonElement("lastStep")]
    public long? LastStep { get; set; }

    /// <summary>SHA-256 (hex) of each unspent recovery code.</summary>
    [BsonElement("recoveryCodes")]
    public List<string> RecoveryCodes { get; set; } = [];
}
