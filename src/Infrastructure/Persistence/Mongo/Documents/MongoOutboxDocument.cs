using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// One email of the outbox (ADR 0039). A claim is one conditional update of this document that moves
/// <see cref="NextAttemptAt"/> a lease ahead and sets <see cref="ClaimToken"/>.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class MongoOutboxDocument
{
    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("toAddress")]
    public string ToAddress { get; set; } = "";

    [BsonElement("toName")]
    public string ToName { get; set; } = "";

    [BsonElement("subject")]
    public string Subject { get; set; } = "";

    [BsonElement("textBody")]
    public string TextBody { get; set; } = "";

    [BsonElement("htmlBody")]
    public string HtmlBody { get; set; } = "";

    [BsonElement("enqueuedAt")]
    public DateTime EnqueuedAt { get; set; }

    [BsonElement("nextAttemptAt")]
    public DateTime NextAttemptAt { get; set; }

    [BsonElement("attempts")]
    public int Attempts { get; set; }

    [BsonElement("claimToken")]
    public string? ClaimToken { get; set; }

    [BsonElement("lastError")]
    public string? LastError { get; set; }

    /// <summary>Set when delivery was given up; such a document is never due again.</summary>
    [BsonElement("gaveUpAt")]
    public DateTime? GaveUpAt { get; set; }
}
