using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Infrastructure.Persistence;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IAuthorRepository"/>: owner-scoped like the real stores, listed by name then id, with the
/// same atomic reference counting (each call decides under one lock, as each store decides in one conditional write).
/// </summary>
public sealed class InMemoryAuthorRepository : IAuthorRepository
{
    private readonly Dictionary<string, Author> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _references = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public Task AddAsync(Author author, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_byId.TryAdd(author.Id, author))
            {
                throw new InvalidOperationException($"An author with id {author.Id} is already stored.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<Author?> FindAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Owns(ownerId, id) ? _byId[Key(id)!] : null);
        }
    }

    public Task<IReadOnlyList<Author>> ListAsync(string ownerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Author> authors = [.. _byId.Values
                .Where(a => a.OwnerId == ownerId)
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Id, StringComparer.Ordinal)];
            return Task.FromResult(authors);
        }
    }

    public Task<bool> TryAddReferenceAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Owns(ownerId, id))
            {
                return Task.FromResult(false);
            }

            var key = Key(id)!;
            _references[key] = References(key) + 1;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseReferenceAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Owns(ownerId, id) && Key(id) is { } key && References(key) > 0)
            {
                _references[key] = References(key) - 1;
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuthorDeletion> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(id);
            var result = !Owns(ownerId, id) ? AuthorDeletion.NotFound
                : References(key!) > 0 ? AuthorDeletion.Referenced
                : AuthorDeletion.Deleted;
            if (result == AuthorDeletion.Deleted)
            {
                _byId.Remove(key!);
                _references.Remove(key!);
            }

            return Task.FromResult(result);
        }
    }

    /// <summary>How many books reference the author now.</summary>
    public long ReferencesTo(string id)
    {
        lock (_gate)
        {
            return References(id);
        }
    }

    /// <summary>Stores an author directly (test arrangement).</summary>
    public Author Seed(Author author)
    {
        lock (_gate)
        {
            _byId[author.Id] = author;
        }

        return author;
    }

    /// <summary>What is stored now under <paramref name="id"/>, or null; whoever owns it.</summary>
    public Author? Stored(string id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    private bool Owns(string ownerId, string? id) => Key(id) is { } key && _byId.TryGetValue(key, out var stored) && stored.OwnerId == ownerId;

    // Ids as the stores read them: any case, and a malformed one finds nothing.
    private static string? Key(string? id) => ObjectIds.Normalize(id);

    private long References(string id) => _references.GetValueOrDefault(id);
}
