using System.Text.Json.Serialization;
using CleanAuth.Application.Books.Common;

namespace CleanAuth.WebApi.Endpoints;

/// <summary>
/// A book as its owner sees it. URLs and sizes are the server's; a client can never set them. The cover fields are
/// null for a book without a cover (an imported one); <c>etag</c> is the value of the book's <c>ETag</c> header.
/// </summary>
// The use case's BookDetails plus the URLs of its cover and thumbnail, which only the web layer knows. The fields
// and their order are the API's contract.
public sealed record BookResponse(
    string Id,
    string Title,
    string Description,
    string Category,
    string? AuthorId,
    string? CoverUrl,
    string? ThumbnailUrl,
    int? CoverWidth,
    int? CoverHeight,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("etag")] string ETag)
{
    public static string PathOf(string bookId) => $"/api/books/{bookId}";

    public static BookResponse From(BookDetails book) => new(
        book.Id,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId,
        book.HasCover ? $"{PathOf(book.Id)}/cover" : null,
        book.HasCover ? $"{PathOf(book.Id)}/cover/thumbnail" : null,
        book.CoverWidth,
        book.CoverHeight,
        book.CreatedAt,
        book.UpdatedAt,
        book.ETag);
}
