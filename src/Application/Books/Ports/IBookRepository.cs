using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Books.Ports;

/// <summary>Where books are kept. Every read and write is scoped to one owner: another owner's book is never found.</summary>
public interface IBookRepository
{
    /// <summary>Stores a new book; false when the owner already has a book with the same normalized title.</summary>
    Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken);

    /// <summary>The owner's book with this id, or null (another owner's, or an unknown id).</summary>
    Task<Book?> FindAsync(UserId ownerId, BookId id, CancellationToken cancellationToken);

    Task<bool> TitleExistsAsync(UserId ownerId, BookTitle title, BookId? exceptBookId, CancellationToken cancellationToken);

    /// <summary>The owner's books, newest first, optionally of one category and with a title containing the filter's text (any case).</summary>
    Task<PagedList<Book>> ListAsync(UserId ownerId, BookFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the changes made to <paramref name="book"/> if nobody changed it since it was read; throws
    /// <see cref="ConflictException"/> otherwise, or when the new title is taken.
    /// </summary>
    Task UpdateAsync(Book book, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the owner's book if it is still at <paramref name="version"/> (so its cover is the one the caller
    /// read); false when there was none, or it changed meanwhile.
    /// </summary>
    Task<bool> DeleteAsync(UserId ownerId, BookId id, long version, CancellationToken cancellationToken);
}

public sealed record BookFilter(string? Category, string? TitleContains, int Page, int PageSize)
{
    public long Skip => PagedList.Skip(Page, PageSize);
}
