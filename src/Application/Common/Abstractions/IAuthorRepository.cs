using CleanAuth.Domain.Authors;

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Where authors are kept, scoped to one owner like books.</summary>
public interface IAuthorRepository
{
    Task AddAsync(Author author, CancellationToken cancellationToken);

    Task<Author?> FindAsync(string ownerId, string id, CancellationToken cancellationToken);

    /// <summary>The owner's authors, by name.</summary>
    Task<IReadOnlyList<Author>> ListAsync(string ownerId, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken);
}
