using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// A book as its owner sees it. Sizes are the server's; a client can never set them. The web layer adds the
/// cover's URLs: routes are its business. The cover fields are null for a book without a cover; <see cref="ETag"/>
/// is the strong validator of the book's current version (ADR 0057).
/// </summary>
public sealed record BookDetails(
    string Id,
    string Title,
    string Description,
    string Category,
    string? AuthorId,
    int? CoverWidth,
    int? CoverHeight,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    public bool HasCover => CoverWidth is not null;

    public static BookDetails From(Book book) => AsStored(book, book.Version);

    /// <summary>The book as stored at <paramref name="version"/>: what an update that the store gave that version wrote.</summary>
    public static BookDetails AsStored(Book book, long version) => new(
        book.Id.Value,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId?.Value,
        book.Cover?.Width,
        book.Cover?.Height,
        book.CreatedAt,
        book.UpdatedAt,
        BookETag.Of(version));
}
