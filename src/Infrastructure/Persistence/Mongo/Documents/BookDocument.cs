using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using static CleanAuth.Infrastructure.Persistence.Mongo.Documents.MongoTimes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>
/// A book as MongoDB keeps it. The id is a 24-hex ObjectId string, stored as an ObjectId (the attribute).
/// Books written by earlier versions may still carry an <c>ownerTitle</c> key (kept then for LiteDB's one-field
/// unique index); it is ignored on read and no longer written.
/// </summary>
[BsonIgnoreExtraElements]
public sealed class BookDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("ownerId")]
    public string OwnerId { get; set; } = "";

    [BsonElement("title")]
    public string Title { get; set; } = "";

    [BsonElement("normalizedTitle")]
    public string NormalizedTitle { get; set; } = "";

    [BsonElement("description")]
    public string Description { get; set; } = "";

    [BsonElement("category")]
    public string Category { get; set; } = "";

    [BsonElement("authorId")]
    public string? AuthorId { get; set; }

    /// <summary>Null for a book without a cover (ADR 0057).</summary>
    [BsonElement("cover")]
    public CoverDocument? Cover { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("version")]
    public long Version { get; set; }

    public static BookDocument From(Book book, long version) => new()
    {
        Id = book.Id.Value,
        OwnerId = book.OwnerId.Value,
        Title = book.Title,
        NormalizedTitle = book.NormalizedTitle,
        Description = book.Description,
        Category = book.Category,
        AuthorId = book.AuthorId?.Value,
        Cover = book.Cover is null ? null : CoverDocument.From(book.Cover),
        CreatedAt = book.CreatedAt.UtcDateTime,
        UpdatedAt = book.UpdatedAt.UtcDateTime,
        Version = version,
    };

    public Book ToBook() => new(
        BookId.From(Id), UserId.From(OwnerId), Title, Description, Category, AuthorId is null ? null : Domain.Authors.AuthorId.From(AuthorId), Cover?.ToCover(), Utc(CreatedAt), Utc(UpdatedAt), Version);
}

public sealed class CoverDocument
{
    [BsonElement("original")]
    public StoredImageDocument Original { get; set; } = new();

    [BsonElement("thumbnail")]
    public StoredImageDocument Thumbnail { get; set; } = new();

    [BsonElement("width")]
    public int Width { get; set; }

    [BsonElement("height")]
    public int Height { get; set; }

    public static CoverDocument From(Cover cover) => new()
    {
        Original = StoredImageDocument.From(cover.Original),
        Thumbnail = StoredImageDocument.From(cover.Thumbnail),
        Width = cover.Width,
        Height = cover.Height,
    };

    public Cover ToCover() => new(Original.ToImage(), Thumbnail.ToImage(), Width, Height);
}

public sealed class StoredImageDocument
{
    [BsonElement("fileId")]
    public string FileId { get; set; } = "";

    [BsonElement("contentType")]
    public string ContentType { get; set; } = "";

    [BsonElement("etag")]
    public string ETag { get; set; } = "";

    [BsonElement("length")]
    public long Length { get; set; }

    public static StoredImageDocument From(StoredImage image) =>
        new() { FileId = image.FileId, ContentType = image.ContentType, ETag = image.ETag, Length = image.Length };

    public StoredImage ToImage() => new(FileId, ContentType, ETag, Length);
}
