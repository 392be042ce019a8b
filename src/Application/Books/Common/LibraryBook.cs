using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// One book in CleanAuth's own library format (ADR 0057): what export writes, import reads back and the account
/// export's <c>books.json</c> holds. Covers are not in it; the author is its name, not an id, so a library moves into
/// another account. The fields and their order are the format's contract.
/// </summary>
public sealed record LibraryBook(
    string Title,
    string Description,
    string Category,
    string? Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The CSV header of the format, in field order; import detects the format by it.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } = ["title", "description", "category", "author", "createdAt", "updatedAt"];

    public static LibraryBook From(Book book, string? authorName) =>
        new(book.Title, book.Description, book.Category, authorName, book.CreatedAt, book.UpdatedAt);
}
