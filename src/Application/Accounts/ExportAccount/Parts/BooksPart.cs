using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary>
/// <c>books.json</c>: every book, read a page at a time, with its author's name and the path of its cover in the
/// export. The library's import reads this format back (issue 23 asks for one format, not two).
/// </summary>
public sealed class BooksPart(IBookRepository books, IAuthorRepository authors) : IAccountExportPart
{
    public async Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken)
    {
        var names = (await authors.ListAsync(user.Id, cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        await archive.WriteArrayAsync("books.json", Records(LibraryPages.BooksAsync(books, user.Id, cancellationToken), names), cancellationToken);
    }

    private static async IAsyncEnumerable<IReadOnlyList<BookRecord>> Records(
        IAsyncEnumerable<IReadOnlyList<Book>> pages, IReadOnlyDictionary<Domain.Authors.AuthorId, string> names)
    {
        await foreach (var page in pages)
        {
            yield return [.. page.Select(b => new BookRecord(
                b.Id.Value, b.Title, b.Description, b.Category, b.AuthorId is { } id ? names.GetValueOrDefault(id) : null,
                b.CreatedAt, b.UpdatedAt, LibraryPages.CoverPath(b)))];
        }
    }

    public sealed record BookRecord(
        string Id, string Title, string Description, string Category, string? Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Cover);
}
