using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// The live one-time code of one user in the collection of its purpose, keyed by the user's id, so that issuing a new
/// one replaces it and every decision is a write to this one document. Documents written before ADR 0043 also hold an
/// <c>attempts</c> count, which nothing reads any more.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class AccountCodeDocument
{
    [BsonId]
    public ObjectId UserId { get; set; }

    [BsonElement("codeHash")]
    public string CodeHash { get; set; } = "";

    /// <summary>A TTL index removes the document a day after this; until then the filters ignore it.</summary>
    [BsonElement("expiresAt")]
    public DateTime ExpiresAt { get; set; }
}
