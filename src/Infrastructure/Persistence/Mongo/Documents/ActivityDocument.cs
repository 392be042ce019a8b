using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>One entry of an account's activity (ADR 0054); never changed once written.</summary>
[BsonIgnoreExtraElements]
public sealed class ActivityDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("userId")]
    [BsonRepresentation(BsonType.ObjectId)]
    public string UserId { get; set; } = "";

    [BsonElement("at")]
    public DateTime At { get; set; }

    [BsonElement("kind")]
    public string Kind { get; set; } = "";

    [BsonElement("outcome")]
    public string Outcome { get; set; } = "";

    /// <summary>The entries the per-user cap trims.</summary>
    [BsonElement("failed")]
    public bool Failed { get; set; }

    [BsonElement("clientIp")]
    public string? ClientIp { get; set; }

    [BsonElement("userAgent")]
    public string? UserAgent { get; set; }

    [BsonElement("sessionId")]
    public string? SessionId { get; set; }
}
