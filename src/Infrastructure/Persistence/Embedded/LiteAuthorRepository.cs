using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Authors;
using CleanAuth.Infrastructure.Persistence.Documents;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteAuthorRepository(LiteStore store) : IAuthorRepository
{
    public Task AddAsync(Author author, CancellationToken cancellationToken)
    {
        store.Guard(() => store.Authors.Insert(AuthorDocument.From(author)));
        return Task.CompletedTask;
    }

    public Task<Author?> FindAsync(string ownerId, string id, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        ObjectIds.Normalize(id) is { } authorId && store.Authors.FindById(authorId) is { } document && document.OwnerId == ownerId
            ? document.ToAuthor()
            : null));

    public Task<IReadOnlyList<Author>> ListAsync(string ownerId, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
        (IReadOnlyList<Author>)[.. store.Authors.Query().Where(d => d.OwnerId == ownerId).ToList()
            .OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Id, StringComparer.Ordinal).Select(d => d.ToAuthor())]));

    public Task<bool> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken) => Task.FromResult(store.Write(() =>
        ObjectIds.Normalize(id) is { } authorId && store.Authors.FindById(authorId) is { } document && document.OwnerId == ownerId
        && store.Authors.Delete(authorId)));
}
