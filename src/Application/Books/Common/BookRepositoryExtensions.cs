using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

public static class BookRepositoryExtensions
{
    // One answer for another owner's book, an unknown id and a malformed one, so ids reveal nothing.
    public const string NotFound = "No such book.";

    public static async Task<Book> FindOwnedAsync(this IBookRepository books, string ownerId, string id, CancellationToken cancellationToken) =>
        await books.FindAsync(ownerId, id, cancellationToken) ?? throw new NotFoundException(NotFound);
}
