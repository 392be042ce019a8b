using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>The live one-time code of one (user, purpose), keyed by both (<c>userId:purpose</c>), so issuing a new one replaces it.</summary>
[BsonIgnoreExtraElements]
public sealed class AccountCodeDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    [BsonElement("codeHash")]
    public string CodeHash { get; set; } = "";

    /// <summary>A TTL index removes the document a day after this; until then the filters ignore it.</summary>
    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }

    [BsonElement("attempts")]
    public int Attempts { get; set; }
}
