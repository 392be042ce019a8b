using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IAuthorRepository"/>: owner-scoped like the real stores, listed by name then id, with the
/// same atomic reference counting (each call decides under one lock, as each store decides in one conditional write).
/// </summary>
public sealed class InMemoryAuthorRepository : IAuthorRepository
{
    private readonly Dictionary<AuthorId, Author> _byId = [];
    private readonly Dictionary<AuthorId, long> _references = [];
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

    public async Task AddManyAsync(IReadOnlyList<Author> authors, CancellationToken cancellationToken)
    {
        foreach (var author in authors)
        {
            await AddAsync(author, cancellationToken);
        }
    }

    public Task<Author?> FindAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Owns(ownerId, id) ? _byId[id] : null);
        }
    }

    public Task<IReadOnlyList<Author>> ListAsync(UserId ownerId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<Author> authors = [.. _byId.Values
                .Where(a => a.OwnerId == ownerId)
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ThenBy(a => a.Id.Value, StringComparer.Ordinal)];
            return Task.FromResult(authors);
        }
    }

    public Task<bool> TryAddReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!Owns(ownerId, id))
            {
                return Task.FromResult(false);
            }

            _references[id] = References(id) + 1;
            return Task.FromResult(true);
        }
    }

    public Task ReleaseReferenceAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Owns(ownerId, id) && References(id) > 0)
            {
                _references[id] = References(id) - 1;
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<AuthorId>> TryAddReferencesAsync(UserId ownerId, IReadOnlyDictionary<AuthorId, int> counts, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var missing = new HashSet<AuthorId>();
            foreach (var (id, count) in counts)
            {
                if (Owns(ownerId, id))
                {
                    _references[id] = References(id) + count;
                }
                else
                {
                    missing.Add(id);
                }
            }

            return Task.FromResult<IReadOnlySet<AuthorId>>(missing);
        }
    }

    public Task ReleaseReferencesAsync(UserId ownerId, AuthorId id, int count, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Owns(ownerId, id))
            {
                _references[id] = Math.Max(References(id) - count, 0);
            }
        }

        return Task.CompletedTask;
    }

    public Task<AuthorDeletion> DeleteAsync(UserId ownerId, AuthorId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var result = !Owns(ownerId, id) ? AuthorDeletion.NotFound
                : References(id) > 0 ? AuthorDeletion.Referenced
                : AuthorDeletion.Deleted;
            if (result == AuthorDeletion.Deleted)
            {
                _byId.Remove(id);
                _references.Remove(id);
            }

            return Task.FromResult(result);
        }
    }

    /// <summary>How many books reference the author now.</summary>
    public long ReferencesTo(AuthorId id)
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
    public Author? Stored(AuthorId id)
    {
        lock (_gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    private bool Owns(UserId ownerId, AuthorId id) => _byId.TryGetValue(id, out var stored) && stored.OwnerId == ownerId;

    private long References(AuthorId id) => _references.GetValueOrDefault(id);
}
