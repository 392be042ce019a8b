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

    /// <summary>
    /// Stores an import's batch of one owner's books, each in or out on its own: a savepoint per book inside one
    /// transaction on the embedded store (the book and its author's reference together); on MongoDB the authors'
    /// references first (one bulk write, one $inc per author), then one unordered insert, then the references of books not stored
    /// given back. The unique (owner, normalized title) rule decides a skip, so two imports at once never store a
    /// title twice; a book naming an author the owner no longer has is not stored.
    /// </summary>
    Task<IReadOnlyList<ImportOutcome>> ImportAsync(IReadOnlyList<Book> books, CancellationToken cancellationToken);

    /// <summary>The owner's book with this id, or null (another owner's, or an unknown id).</summary>
    Task<Book?> FindAsync(UserId ownerId, BookId id, CancellationToken cancellationToken);

    Task<bool> TitleExistsAsync(UserId ownerId, BookTitle title, BookId? exceptBookId, CancellationToken cancellationToken);

    /// <summary>
    /// The owner's books in the filter's order (newest first by default), optionally of one category and with a title
    /// containing the filter's text (any case); after <see cref="BookFilter.After"/> when given (keyset: no rows skipped).
    /// </summary>
    Task<PagedList<Book>> ListAsync(UserId ownerId, BookFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the changes made to <paramref name="book"/> if nobody changed it since it was read (at its
    /// <see cref="Book.Version"/>) and returns the version now stored; throws <see cref="ConflictException"/>
    /// otherwise, or when the new title is taken.
    /// </summary>
    Task<long> UpdateAsync(Book book, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the owner's book if it is still at <paramref name="version"/> (so its cover is the one the caller
    /// read); false when there was none, or it changed meanwhile.
    /// </summary>
    Task<bool> DeleteAsync(UserId ownerId, BookId id, long version, CancellationToken cancellationToken);
}

public enum ImportOutcome
{
    Stored,
    TitleTaken,
    NoSuchAuthor,
}

/// <summary>Which books, in what order, and where the page starts: a page number, or (when set) just after a book.</summary>
public sealed record BookFilter(
    string? Category, string? TitleContains, int Page, int PageSize, BookOrder? Order = null, BookPosition? After = null)
{
    /// <summary>Rows before the page: none when the page starts after a given book.</summary>
    public long Skip => After is null ? PagedList.Skip(Page, PageSize) : 0;

    public BookOrder SortOrder => Order ?? BookOrder.Default;
}

public enum BookSortField
{
    CreatedAt,
    UpdatedAt,
    Title,
}

/// <summary>
/// An order of books: by one field, ties broken by id in the same direction, so every order is total and a keyset
/// position is exact. Titles compare as <see cref="Domain.Books.BookTitle.Normalize"/> does, ordinal (ignoring case).
/// </summary>
public sealed record BookOrder(BookSortField Field, bool Descending)
{
    public static BookOrder Default { get; } = new(BookSortField.CreatedAt, Descending: true);
}

/// <summary>Where a keyset page starts: just after the book with these keys in the order asked for.</summary>
public sealed record BookPosition(string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string NormalizedTitle)
{
    public static BookPosition Of(Book book) => new(book.Id.Value, book.CreatedAt, book.UpdatedAt, book.NormalizedTitle);
}
