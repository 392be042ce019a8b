using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.Contracts;

/// <summary>A book as its owner sees it. URLs and sizes are the server's; a client can never set them.</summary>
// The use case's BookDetails plus the URLs of its cover and thumbnail, which only the web layer knows. The fields
// and their order are the API's contract.
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
    public static string PathOf(string bookId) => $"/api/books/{bookId}";

    public static BookResponse From(BookDetails book) => new(
        book.Id,
        book.Title,
        book.Description,
        book.Category,
        book.AuthorId,
        $"{PathOf(book.Id)}/cover",
        $"{PathOf(book.Id)}/cover/thumbnail",
        book.CoverWidth,
        book.CoverHeight,
        book.CreatedAt,
        book.UpdatedAt);
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

    public UpdateBookCommand ToUpdateCommand(string id) => new(id, Title, Description, Category, AuthorId, FormUpload.From(Cover));
}

/// <summary>The query of the book list; bound from the query string by its property names (the document camelCases them).</summary>
public sealed record ListBooksRequest(string? Category, string? Q, int? Page, int? PageSize)
{
    public ListBooksQuery ToQuery() => new(Category, Q, Page, PageSize);
}
