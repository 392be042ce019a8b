using System.Text.RegularExpressions;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoBookRepository(MongoStore store) : IBookRepository
{
    private static readonly FilterDefinitionBuilder<BookDocument> Filter = Builders<BookDocument>.Filter;

    private IMongoCollection<BookDocument> Books => store.Books;

    public Task<bool> TryAddAsync(Book book, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        // The unique index is the guarantee under concurrency; this read gives the same answer on servers that do not enforce it.
        if (await TitleExistsAsync(book.OwnerId, book.NormalizedTitle, null, cancellationToken))
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

    // References first, so a crash can only leave a count too high (ADR 0032); titles already there are read first
    // (as TryAddAsync does, for servers without the unique index), and the unique index decides the rest.
    public Task<IReadOnlyList<ImportOutcome>> ImportAsync(IReadOnlyList<Book> books, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var outcomes = Enumerable.Repeat(ImportOutcome.Stored, books.Count).ToArray();
        if (books.Count == 0)
        {
            return (IReadOnlyList<ImportOutcome>)outcomes;
        }

        var owner = books[0].OwnerId;
        var taken = (await Books.Find(Filter.Eq(d => d.OwnerId, owner.Value) & Filter.In(d => d.NormalizedTitle, books.Select(b => b.NormalizedTitle)))
            .Project(d => d.NormalizedTitle).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < books.Count; i++)
        {
            outcomes[i] = taken.Contains(books[i].NormalizedTitle) ? ImportOutcome.TitleTaken : ImportOutcome.Stored;
        }

        var authors = new MongoAuthorRepository(store);
        var named = Indexes(books, outcomes, ImportOutcome.Stored).Where(i => books[i].AuthorId is not null).GroupBy(i => books[i].AuthorId!.Value).ToList();
        var missing = await authors.TryAddReferencesAsync(owner, named.ToDictionary(g => g.Key, g => g.Count()), cancellationToken);
        foreach (var index in named.Where(g => missing.Contains(g.Key)).SelectMany(g => g))
        {
            outcomes[index] = ImportOutcome.NoSuchAuthor;
        }

        var inserted = Indexes(books, outcomes, ImportOutcome.Stored).ToList();
        try
        {
            if (inserted.Count > 0)
            {
                await Books.InsertManyAsync(inserted.Select(i => BookDocument.From(books[i], books[i].Version)), new InsertManyOptions { IsOrdered = false }, cancellationToken);
            }
        }
        catch (MongoBulkWriteException<BookDocument> ex) when (ex.WriteErrors.All(e => e.Category == ServerErrorCategory.DuplicateKey))
        {
            ex.WriteErrors.ToList().ForEach(e => outcomes[inserted[e.Index]] = ImportOutcome.TitleTaken);
            foreach (var refused in ex.WriteErrors.Select(e => inserted[e.Index]).Where(i => books[i].AuthorId is not null).GroupBy(i => books[i].AuthorId!.Value))
            {
                await authors.ReleaseReferencesAsync(owner, refused.Key, refused.Count(), CancellationToken.None);
            }
        }

        return (IReadOnlyList<ImportOutcome>)outcomes;
    });

    private static IEnumerable<int> Indexes(IReadOnlyList<Book> books, ImportOutcome[] outcomes, ImportOutcome outcome) =>
        Enumerable.Range(0, books.Count).Where(i => outcomes[i] == outcome);

    public Task<Book?> FindAsync(UserId ownerId, BookId id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await Books.Find(Owned(ownerId, id)).FirstOrDefaultAsync(cancellationToken))?.ToBook());

    public Task<bool> TitleExistsAsync(UserId ownerId, BookTitle title, BookId? exceptBookId, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(() => TitleExistsAsync(ownerId, title.Normalized, exceptBookId, cancellationToken));

    private async Task<bool> TitleExistsAsync(UserId ownerId, string normalizedTitle, BookId? exceptBookId, CancellationToken cancellationToken)
    {
        var filter = Filter.Eq(d => d.OwnerId, ownerId.Value) & Filter.Eq(d => d.NormalizedTitle, normalizedTitle);
        if (exceptBookId is { } except)
        {
            filter &= Filter.Ne(d => d.Id, except.Value);
        }

        return await Books.Find(filter).AnyAsync(cancellationToken);
    }

    public Task<PagedList<Book>> ListAsync(UserId ownerId, BookFilter filter, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var query = Filter.Eq(d => d.OwnerId, ownerId.Value);
        if (filter.Category is not null)
        {
            query &= Filter.Eq(d => d.Category, filter.Category);
        }

        if (filter.TitleContains is not null)
        {
            query &= Filter.Regex(d => d.NormalizedTitle, new BsonRegularExpression(Regex.Escape(BookTitle.Normalize(filter.TitleContains))));
        }

        var total = await Books.CountDocumentsAsync(query, cancellationToken: cancellationToken);
        var documents = await Books.Find(query & MongoBookOrder.After(filter))
            .Sort(MongoBookOrder.Sort(filter.SortOrder))
            .Skip((int)Math.Min(filter.Skip, int.MaxValue))
            .Limit(filter.PageSize)
            .ToListAsync(cancellationToken);
        return new PagedList<Book>([.. documents.Select(d => d.ToBook())], filter.Page, filter.PageSize, total);
    });

    public Task<long> UpdateAsync(Book book, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        ReplaceOneResult result;
        try
        {
            result = await Books.ReplaceOneAsync(
                Owned(book.OwnerId, book.Id) & Filter.Eq(d => d.Version, book.Version),
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

        return book.Version + 1;
    });

    public Task<bool> DeleteAsync(UserId ownerId, BookId id, long version, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await Books.DeleteOneAsync(Owned(ownerId, id) & Filter.Eq(d => d.Version, version), cancellationToken)).DeletedCount > 0);

    private static FilterDefinition<BookDocument> Owned(UserId ownerId, BookId id) =>
        Filter.Eq(d => d.Id, id.Value) & Filter.Eq(d => d.OwnerId, ownerId.Value);
}
