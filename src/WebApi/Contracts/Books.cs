using System.Text.Json.Serialization;
using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.Contracts;

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

/// <summary>The multipart fields of adding or editing a book. Nothing else in the form is read.</summary>
public sealed class BookForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Category { get; set; }

    public string? AuthorId { get; set; }

    public IFormFile? Cover { get; set; }

    public AddBookCommand ToAddCommand() => new(Title, Description, Category, AuthorId, FormUpload.From(Cover));

    public UpdateBookCommand ToUpdateCommand(string id, string? ifMatch) => new(id, Title, Description, Category, AuthorId, FormUpload.From(Cover), ifMatch);
}

/// <summary>The query of the book list; bound from the query string by its property names (the document camelCases them).</summary>
public sealed record ListBooksRequest(string? Category, string? Q, int? Page, int? PageSize, string? Sort, string? Cursor)
{
    public ListBooksQuery ToQuery() => new(Category, Q, Page, PageSize, Sort, Cursor);
}
