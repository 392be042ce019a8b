using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Infrastructure.Persistence.Documents;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteBookRepository(LiteStore store) : IBookRepository
{
    private ILiteCollection<BookDocument> Books => store.Books;

    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken) => Task.FromResult(store.WriteAll(() =>
    {
        try
        {
            Books.Insert(BookDocument.From(book, book.Version));
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }

        store.ChangeLibrarySize(book.OwnerId, +1);
        return true;
    }));

    public Task<Book?> FindAsync(string ownerId, string id, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        ObjectIds.Normalize(id) is { } bookId && Books.FindById(bookId) is { } document && document.OwnerId == ownerId
            ? document.ToBook()
            : null));

    public Task<bool> TitleExistsAsync(string ownerId, string title, string? exceptBookId, CancellationToken cancellationToken)
    {
        var key = BookDocument.OwnerTitleKey(ownerId, Book.NormalizeTitle(title));
        return Task.FromResult(store.Guard(() =>
            Books.FindOne(Query.EQ(nameof(BookDocument.OwnerTitle), key)) is { } document && document.Id != exceptBookId));
    }

    public Task<Page<Book>> ListAsync(string ownerId, BookFilter filter, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        filter.TitleContains is null ? ListNewestFirst(ownerId, filter) : SearchTitles(ownerId, filter)));

    // Read backwards off the owner-recency index, so a page costs its own rows (and those it skips), not the whole
    // library, and the total is the kept count. A range, not StartsWith: LiteDB 5's descending LIKE scan returns
    // nothing. A category filter still counts its matches one by one.
    private Page<Book> ListNewestFirst(string ownerId, BookFilter filter)
    {
        ILiteQueryable<BookDocument> Mine()
        {
            var query = Books.Query().Where(Query.Between(nameof(BookDocument.OwnerRecency), ownerId, ownerId + "z"));
            return filter.Category is { } category ? query.Where(d => d.Category == category) : query;
        }

        var total = filter.Category is null ? store.LibrarySize(ownerId) : Mine().Count();
        var page = Mine().OrderByDescending(d => d.OwnerRecency).Skip(Skipped(filter)).Limit(filter.PageSize).ToList();
        return new Page<Book>([.. page.Select(d => d.ToBook())], filter.Page, filter.PageSize, total);
    }

    // A title search filters the owner's books in memory: LiteDB's LIKE is not safe with arbitrary text ("50% ("
    // made it spin). It scans one library, as MongoDB's unanchored regex does.
    private Page<Book> SearchTitles(string ownerId, BookFilter filter)
    {
        var normalized = Book.NormalizeTitle(filter.TitleContains!);
        var matches = Books.Find(d => d.OwnerId == ownerId)
            .Where(d => filter.Category is null || d.Category == filter.Category)
            .Where(d => d.NormalizedTitle.Contains(normalized, StringComparison.Ordinal))
            .OrderByDescending(d => d.OwnerRecency, StringComparer.Ordinal)
            .ToList();
        var page = matches.Skip(Skipped(filter)).Take(filter.PageSize);
        return new Page<Book>([.. page.Select(d => d.ToBook())], filter.Page, filter.PageSize, matches.Count);
    }

    private static int Skipped(BookFilter filter) => (int)Math.Min((long)(filter.Page - 1) * filter.PageSize, int.MaxValue);

    public Task UpdateAsync(Book book, CancellationToken cancellationToken)
    {
        store.Write(() =>
        {
            var stored = Books.FindById(book.Id);
            if (stored is null || stored.OwnerId != book.OwnerId || stored.Version != book.Version)
            {
                throw new ConflictException("The book was changed by another request; retry.");
            }

            try
            {
                return Books.Update(BookDocument.From(book, book.Version + 1));
            }
            catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
            {
                throw new ConflictException("You already have a book with this title.");
            }
        });
        book.MarkSaved();
        return Task.CompletedTask;
    }

    public Task<bool> DeleteAsync(string ownerId, string id, long version, CancellationToken cancellationToken) => Task.FromResult(store.WriteAll(() =>
    {
        var deleted = ObjectIds.Normalize(id) is { } bookId && Books.FindById(bookId) is { } document && document.OwnerId == ownerId
            && document.Version == version && Books.Delete(bookId);
        if (deleted)
        {
            store.ChangeLibrarySize(ownerId, -1);
        }

        return deleted;
    }));

    public Task<bool> AnyByAuthorAsync(string ownerId, string authorId, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        Books.Exists(d => d.AuthorId == authorId && d.OwnerId == ownerId)));
}
