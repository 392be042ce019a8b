using System.Text.RegularExpressions;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoBookRepository(MongoStore store) : IBookRepository
{
    private static readonly FilterDefinitionBuilder<BookDocument> Filter = Builders<BookDocument>.Filter;

    private IMongoCollection<BookDocument> Books => store.Books;

    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        // The unique index is the guarantee under concurrency; this read gives the same answer on servers that do not enforce it.
        if (await TitleExistsAsync(book.OwnerId, book.Title, null, cancellationToken))
        {
            return false;
        }

        try
        {
            await Books.InsertOneAsync(BookDocument.From(book, book.Version), cancellationToken: cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    });

    public Task<Book?> FindAsync(string ownerId, string id, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
        ObjectIds.Normalize(id) is { } bookId
            ? (await Books.Find(d => d.Id == bookId && d.OwnerId == ownerId).FirstOrDefaultAsync(cancellationToken))?.ToBook()
            : null);

    public Task<bool> TitleExistsAsync(string ownerId, string title, string? exceptBookId, CancellationToken cancellationToken) =>
        MongoStore.Guard(async () =>
        {
            var normalized = Book.NormalizeTitle(title);
            var filter = Filter.Eq(d => d.OwnerId, ownerId) & Filter.Eq(d => d.NormalizedTitle, normalized);
            if (exceptBookId is not null)
            {
                filter &= Filter.Ne(d => d.Id, exceptBookId);
            }

            return await Books.Find(filter).AnyAsync(cancellationToken);
        });

    public Task<PagedList<Book>> ListAsync(string ownerId, BookFilter filter, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        var query = Filter.Eq(d => d.OwnerId, ownerId);
        if (filter.Category is not null)
        {
            query &= Filter.Eq(d => d.Category, filter.Category);
        }

        if (filter.TitleContains is not null)
        {
            query &= Filter.Regex(d => d.NormalizedTitle, new BsonRegularExpression(Regex.Escape(Book.NormalizeTitle(filter.TitleContains))));
        }

        var total = await Books.CountDocumentsAsync(query, cancellationToken: cancellationToken);
        var documents = await Books.Find(query)
            .Sort(Builders<BookDocument>.Sort.Descending(d => d.CreatedAt).Descending(d => d.Id))
            .Skip((int)Math.Min(filter.Skip, int.MaxValue))
            .Limit(filter.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedList<Book>([.. documents.Select(d => d.ToBook())], filter.Page, filter.PageSize, total);
    });

    public Task UpdateAsync(Book book, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        ReplaceOneResult result;
        try
        {
            result = await Books.ReplaceOneAsync(
                d => d.Id == book.Id && d.OwnerId == book.OwnerId && d.Version == book.Version,
                BookDocument.From(book, book.Version + 1),
                cancellationToken: cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError.Category == ServerErrorCategory.DuplicateKey)
        {
            throw new DuplicateBookTitleException();
        }

        if (result.MatchedCount == 0)
        {
            throw new BookChangedException();
        }

        book.MarkSaved();
    });

    public Task<bool> DeleteAsync(string ownerId, string id, long version, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
        ObjectIds.Normalize(id) is { } bookId
        && (await Books.DeleteOneAsync(d => d.Id == bookId && d.OwnerId == ownerId && d.Version == version, cancellationToken)).DeletedCount > 0);
}
