using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// A book as its owner sees it. Sizes are the server's; a client can never set them. The web layer adds the
/// cover's URLs: routes are its business.
/// </summary>
public sealed record BookDetails(
    string Id,
    string Title,
    string Description,
    string Category,
    string? AuthorId,
    int CoverWidth,
    int CoverHeight,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BookDetails From(Book book) => new(
        book.Id.Value,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId?.Value,
        book.Cover.Width,
        book.Cover.Height,
        book.CreatedAt,
        book.UpdatedAt);
}
