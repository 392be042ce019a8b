using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>How a conditional write that lost under a specific <c>If-Match</c> is answered: 412 with the tag now current.</summary>
public static class BookPreconditions
{
    /// <summary>A lost write under <c>If-Match</c> naming a tag: 412 with the current tag; gone meanwhile: 404.</summary>
    public static async Task ThrowIfChangedAsync(IBookRepository books, Book read, BookPrecondition? precondition, CancellationToken cancellationToken)
    {
        if (precondition is null or { Any: true })
        {
            return; // Without a tag (or with *) a lost race stays today's 409: retry.
        }

        var current = await books.FindAsync(read.OwnerId, read.Id, cancellationToken)
            ?? throw new NotFoundException(BookRepositoryExtensions.NotFound);
        throw BookPrecondition.Failed(current.Version);
    }

    /// <summary>
    /// Runs the update and returns the version now stored; when it lost to another write, answers as
    /// <see cref="ThrowIfChangedAsync"/> does.
    /// </summary>
    // A function, not a task: a store may throw before it returns one (the embedded store's writes are synchronous).
    public static async Task<long> UpdateAsync(
        this IBookRepository books, Book read, BookPrecondition? precondition, CancellationToken cancellationToken)
    {
        try
        {
            return await books.UpdateAsync(read, cancellationToken);
        }
        catch (BookChangedException)
        {
            await ThrowIfChangedAsync(books, read, precondition, cancellationToken);
            throw;
        }
    }
}
