using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Infrastructure.Persistence.Documents;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteBookRepository(LiteStore store) : IBookRepository
{
    private ILiteCollection<BookDocument> Books => store.Books;

    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
    {
        try
        {
            Books.Insert(BookDocument.From(book, book.Version));
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
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

    // Filtered, sorted and paged in memory over the owner's books (found through the owner index): LiteDB
    // sorts in memory anyway, has no compound index, and its LIKE is not safe with arbitrary text
    // ("50% (" made it spin). Fine for the embedded store's single-node libraries; MongoDB does this server-side.
    public Task<Page<Book>> ListAsync(string ownerId, BookFilter filter, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
    {
        var normalized = filter.TitleContains is null ? null : Book.NormalizeTitle(filter.TitleContains);
        var matches = Books.Find(d => d.OwnerId == ownerId)
            .Where(d => filter.Category is null || d.Category == filter.Category)
            .Where(d => normalized is null || d.NormalizedTitle.Contains(normalized, StringComparison.Ordinal))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var page = matches.Skip((int)Math.Min((long)(filter.Page - 1) * filter.PageSize, int.MaxValue)).Take(filter.PageSize);
        return new Page<Book>([.. page.Select(d => d.ToBook())], filter.Page, filter.PageSize, matches.Count);
    }));

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

    public Task<bool> DeleteAsync(string ownerId, string id, long version, CancellationToken cancellationToken) => Task.FromResult(store.Write(() =>
        ObjectIds.Normalize(id) is { } bookId && Books.FindById(bookId) is { } document && document.OwnerId == ownerId
        && document.Version == version && Books.Delete(bookId)));

    public Task<bool> AnyByAuthorAsync(string ownerId, string authorId, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        Books.Exists(d => d.AuthorId == authorId && d.OwnerId == ownerId)));
}
