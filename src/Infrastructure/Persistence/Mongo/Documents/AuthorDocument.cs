using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>An author as MongoDB keeps it (see <see cref="BookDocument"/> for the id).</summary>
[BsonIgnoreExtraElements]
public sealed class AuthorDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("ownerId")]
    public string OwnerId { get; set; } = "";

    [BsonElement("name")]
    public string Name { get; set; } = "";

    [BsonElement("country")]
    public string Country { get; set; } = "";

    [BsonElement("bookerPrize")]
    public bool BookerPrize { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// How many books name this author (ADR 0032); missing on authors stored before it was kept, until the first
    /// reference or delete counts them.
    /// </summary>
    [BsonElement("books")]
    public long? Books { get; set; }

    public static AuthorDocument From(Author author) => new()
    {
        Id = author.Id.Value,
        OwnerId = author.OwnerId.Value,
        Name = author.Name,
        Country = author.Country,
        BookerPrize = author.BookerPrize,
        CreatedAt = author.CreatedAt.UtcDateTime,
        Books = 0,
    };

    public Author ToAuthor() => new(AuthorId.From(Id), UserId.From(OwnerId), Name, Country, BookerPrize, MongoTimes.Utc(CreatedAt));
}
