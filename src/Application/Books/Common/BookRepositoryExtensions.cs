using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Books.Common;

public static class BookRepositoryExtensions
{
    // One answer for another owner's book, an unknown id and a malformed one, so ids reveal nothing.
    public const string NotFound = "No such book.";

    public static async Task<Book> FindOwnedAsync(this IBookRepository books, UserId ownerId, string id, CancellationToken cancellationToken) =>
        (BookId.TryParse(id, out var bookId) ? await books.FindAsync(ownerId, bookId, cancellationToken) : null)
            ?? throw new NotFoundException(NotFound);
}
