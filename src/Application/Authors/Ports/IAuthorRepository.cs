using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Authors.Ports;

/// <summary>
/// Where authors are kept, scoped to one owner like books. Each author counts the books that name it; a book takes
/// a reference before it is stored and gives it back after it stopped naming the author, and an author is deleted
/// only at zero references — each of these one conditional write of the author (ADR 0032), so a delete and a book
/// naming the author cannot both succeed.
/// </summary>
public interface IAuthorRepository
{
    Task AddAsync(Author author, CancellationToken cancellationToken);

    /// <summary>Stores new authors in one durable write (an import's batch): one commit, not one a name.</summary>
    Task AddManyAsync(IReadOnlyList<Author> authors, CancellationToken cancellationToken);

    Task<Author?> FindAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken);

    /// <summary>The owner's authors, by name.</summary>
    Task<IReadOnlyList<Author>> ListAsync(UserId ownerId, CancellationToken cancellationToken);

    /// <summary>Counts one more book naming the author, if the owner has it (one conditional write); false when not.</summary>
    Task<bool> TryAddReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken);

    /// <summary>Counts one book fewer (never below zero).</summary>
    Task ReleaseReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken);

    /// <summary>
    /// Counts more books naming each author (an import's batch: author → its new books), one conditional write an
    /// author, sent together; returns the authors the owner has not got, on which no reference was taken.
    /// </summary>
    Task<IReadOnlySet<AuthorId>> TryAddReferencesAsync(UserId ownerId, IReadOnlyDictionary<AuthorId, int> counts, CancellationToken cancellationToken);

    /// <summary>Counts <paramref name="count"/> books fewer in one write (never below zero).</summary>
    Task ReleaseReferencesAsync(UserId ownerId, AuthorId id, int count, CancellationToken cancellationToken);

    /// <summary>Deletes the owner's author only if no book references it, as one conditional write.</summary>
    Task<AuthorDeletion> DeleteAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken);
}

public enum AuthorDeletion
{
    Deleted,
    NotFound,
    Referenced,
}
