using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>
/// Authors on MongoDB. The count of books naming an author lives in the author's document, so taking a reference and
/// deleting at zero are single-document conditional writes that cannot both succeed (ADR 0032).
/// </summary>
public sealed class MongoAuthorRepository(MongoStore store) : IAuthorRepository
{
    private static readonly FilterDefinitionBuilder<AuthorDocument> Filter = Builders<AuthorDocument>.Filter;

    public Task AddAsync(Author author, CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        store.Authors.InsertOneAsync(AuthorDocument.From(author), cancellationToken: cancellationToken));

    public Task AddManyAsync(IReadOnlyList<Author> authors, CancellationToken cancellationToken) => authors.Count == 0 ? Task.CompletedTask
        : MongoStore.MapOutage(() => store.Authors.InsertManyAsync(authors.Select(AuthorDocument.From), cancellationToken: cancellationToken));

    public Task<Author?> FindAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
        (await store.Authors.Find(Owned(ownerId.Value, id.Value)).FirstOrDefaultAsync(cancellationToken))?.ToAuthor());

    public Task<IReadOnlyList<Author>> ListAsync(UserId ownerId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var documents = await store.Authors.Find(Filter.Eq(d => d.OwnerId, ownerId.Value))
            .Sort(Builders<AuthorDocument>.Sort.Ascending(d => d.Name).Ascending(d => d.Id))
            .ToListAsync(cancellationToken);
        return (IReadOnlyList<Author>)[.. documents.Select(d => d.ToAuthor())];
    });

    public Task<bool> TryAddReferenceAsync(UserId owner, AuthorId id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var (ownerId, authorId) = (owner.Value, id.Value);
        // Only a counted author takes references: an uncounted one is counted first, then the write is tried again.
        var filter = Owned(ownerId, authorId) & Filter.Exists(d => d.Books);
        var update = Builders<AuthorDocument>.Update.Inc(d => d.Books, 1);
        return (await store.Authors.UpdateOneAsync(filter, update, cancellationToken: cancellationToken)).ModifiedCount == 1
            || (await CountIfUncountedAsync(ownerId, authorId, cancellationToken)
                && (await store.Authors.UpdateOneAsync(filter, update, cancellationToken: cancellationToken)).ModifiedCount == 1);
    });

    public Task ReleaseReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken) => MongoStore.MapOutage(() =>
        store.Authors.UpdateOneAsync(Owned(ownerId.Value, id.Value) & Filter.Gt(d => d.Books, 0),
            Builders<AuthorDocument>.Update.Inc(d => d.Books, -1), cancellationToken: cancellationToken));

    // One unordered bulk write of one conditional $inc an author (authors stored before references were counted get
    // their count first). When fewer matched than were sent, the misses are the authors that do not exist now: ids are
    // never reused and a count is never removed, so one that exists now existed, counted, when its $inc ran.
    public Task<IReadOnlySet<AuthorId>> TryAddReferencesAsync(UserId ownerId, IReadOnlyDictionary<AuthorId, int> counts, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var owner = ownerId.Value;
        if (counts.Count == 0)
        {
            return (IReadOnlySet<AuthorId>)new HashSet<AuthorId>();
        }

        var mine = Filter.Eq(d => d.OwnerId, owner) & Filter.In(d => d.Id, counts.Keys.Select(id => id.Value));
        foreach (var uncounted in await store.Authors.Find(mine & Filter.Exists(d => d.Books, false)).ToListAsync(cancellationToken))
        {
            await CountIfUncountedAsync(owner, uncounted.Id, cancellationToken);
        }

        var result = await store.Authors.BulkWriteAsync(
            counts.Select(c => new UpdateOneModel<AuthorDocument>(Owned(owner, c.Key.Value) & Filter.Exists(d => d.Books), Builders<AuthorDocument>.Update.Inc(d => d.Books, (long?)c.Value))),
            new BulkWriteOptions { IsOrdered = false }, cancellationToken);
        if (result.MatchedCount == counts.Count)
        {
            return new HashSet<AuthorId>();
        }

        var existing = (await store.Authors.Find(mine).ToListAsync(cancellationToken)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        return counts.Keys.Where(id => !existing.Contains(id.Value)).ToHashSet();
    });

    // Never below zero: the whole count off when there is that much, else down to zero; each one conditional write.
    public Task ReleaseReferencesAsync(UserId ownerId, AuthorId id, int count, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var owned = Owned(ownerId.Value, id.Value);
        if ((await store.Authors.UpdateOneAsync(owned & Filter.Gte(d => d.Books, (long?)count),
                Builders<AuthorDocument>.Update.Inc(d => d.Books, (long?)-count), cancellationToken: cancellationToken)).ModifiedCount == 0)
        {
            await store.Authors.UpdateOneAsync(owned & Filter.Gt(d => d.Books, 0) & Filter.Lt(d => d.Books, (long?)count),
                Builders<AuthorDocument>.Update.Set(d => d.Books, (long?)0), cancellationToken: cancellationToken);
        }
    });

    // The conditional delete decides; what follows a refusal only picks the answer (or counts an old author first).
    public Task<AuthorDeletion> DeleteAsync(UserId owner, AuthorId id, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        var (ownerId, authorId) = (owner.Value, id.Value);
        var filter = Owned(ownerId, authorId) & Filter.Eq(d => d.Books, 0);
        if ((await store.Authors.DeleteOneAsync(filter, cancellationToken)).DeletedCount == 1)
        {
            return AuthorDeletion.Deleted;
        }

        if (await CountIfUncountedAsync(ownerId, authorId, cancellationToken) && (await store.Authors.DeleteOneAsync(filter, cancellationToken)).DeletedCount == 1)
        {
            return AuthorDeletion.Deleted;
        }

        return await store.Authors.Find(Owned(ownerId, authorId)).AnyAsync(cancellationToken) ? AuthorDeletion.Referenced : AuthorDeletion.NotFound;
    });

    private static FilterDefinition<AuthorDocument> Owned(string ownerId, string authorId) =>
        Filter.Eq(d => d.Id, authorId) & Filter.Eq(d => d.OwnerId, ownerId);

    /// <summary>
    /// Gives an author stored before references were counted its count, from the books naming it. While it has none,
    /// no book can take a reference on it, so the count cannot miss a new book; a book deleted between the count and
    /// the write leaves it one too high (a refused delete, never a dangling book). True when the author exists.
    /// </summary>
    private async Task<bool> CountIfUncountedAsync(string ownerId, string authorId, CancellationToken cancellationToken)
    {
        var author = await store.Authors.Find(Owned(ownerId, authorId)).FirstOrDefaultAsync(cancellationToken);
        if (author is null)
        {
            return false;
        }

        if (author.Books is null)
        {
            var books = await store.Books.CountDocumentsAsync(b => b.OwnerId == ownerId && b.AuthorId == authorId, cancellationToken: cancellationToken);
            await store.Authors.UpdateOneAsync(Owned(ownerId, authorId) & Filter.Exists(d => d.Books, false),
                Builders<AuthorDocument>.Update.Set(d => d.Books, books), cancellationToken: cancellationToken);
        }

        return true;
    }
}
