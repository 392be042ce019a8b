using System.Runtime.CompilerServices;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// A user's whole library as <see cref="LibraryBook"/>s, oldest first, read a keyset page at a time so that memory
/// holds one page and the author names, never the library (export, and the account export's <c>books.json</c>).
/// </summary>
public sealed class LibraryReader(IBookRepository books, IAuthorRepository authors)
{
    public const int PageSize = 500;

    private static readonly BookOrder OldestFirst = new(BookSortField.CreatedAt, Descending: false);

    public async IAsyncEnumerable<LibraryBook> ReadAsync(UserId ownerId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var names = (await authors.ListAsync(ownerId, cancellationToken)).ToDictionary(a => a.Id, a => a.Name);
        BookPosition? after = null;
        while (true)
        {
            var page = await books.ListAsync(ownerId, new BookFilter(null, null, 1, PageSize, OldestFirst, after), cancellationToken);
            foreach (var book in page.Items)
            {
                yield return LibraryBook.From(book, book.AuthorId is { } id ? names.GetValueOrDefault(id) : null);
            }

            if (page.Items.Count < PageSize)
            {
                yield break;
            }

            after = BookPosition.Of(page.Items[^1]);
        }
    }
}
