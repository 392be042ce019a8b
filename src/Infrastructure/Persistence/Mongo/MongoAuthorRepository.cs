using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Authors;
using CleanAuth.Infrastructure.Persistence.Documents;
using MongoDB.Driver;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

public sealed class MongoAuthorRepository(MongoStore store) : IAuthorRepository
{
    public Task AddAsync(Author author, CancellationToken cancellationToken) => MongoStore.Guard(() =>
        store.Authors.InsertOneAsync(AuthorDocument.From(author), cancellationToken: cancellationToken));

    public Task<Author?> FindAsync(string ownerId, string id, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
        ObjectIds.Normalize(id) is { } authorId
            ? (await store.Authors.Find(d => d.Id == authorId && d.OwnerId == ownerId).FirstOrDefaultAsync(cancellationToken))?.ToAuthor()
            : null);

    public Task<IReadOnlyList<Author>> ListAsync(string ownerId, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
    {
        var documents = await store.Authors.Find(d => d.OwnerId == ownerId)
            .Sort(Builders<AuthorDocument>.Sort.Ascending(d => d.Name).Ascending(d => d.Id))
            .ToListAsync(cancellationToken);
        return (IReadOnlyList<Author>)[.. documents.Select(d => d.ToAuthor())];
    });

    public Task<bool> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken) => MongoStore.Guard(async () =>
        ObjectIds.Normalize(id) is { } authorId
        && (await store.Authors.DeleteOneAsync(d => d.Id == authorId && d.OwnerId == ownerId, cancellationToken)).DeletedCount > 0);
}
