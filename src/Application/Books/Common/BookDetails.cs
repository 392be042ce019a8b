using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>A book as its owner sees it. URLs and sizes are the server's; a client can never set them.</summary>
public sealed record BookResponse(
    string Id,
    string Title,
    string Description,
    string Category,
    string? AuthorId,
    string CoverUrl,
    string ThumbnailUrl,
    int CoverWidth,
    int CoverHeight,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static BookResponse From(Book book) => new(
        book.Id,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId,
        $"/api/books/{book.Id}/cover",
        $"/api/books/{book.Id}/cover/thumbnail",
        book.Cover.Width,
        book.Cover.Height,
        book.CreatedAt,
        book.UpdatedAt);
}

/// <summary>One page of a list: the shape every paged route answers with.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long TotalCount);
