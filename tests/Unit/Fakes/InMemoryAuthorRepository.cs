using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Authors;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>An in-memory <see cref="IAuthorRepository"/>: owner-scoped like the real stores, listed by name then id.</summary>
public sealed class InMemoryAuthorRepository : IAuthorRepository
{
    private readonly Dictionary<string, Author> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public int DeleteCalls { get; private set; }

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
            return Task.FromResult(id is not null && _byId.TryGetValue(id, out var stored) && stored.OwnerId == ownerId ? stored : null);
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

    public Task<bool> DeleteAsync(string ownerId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            DeleteCalls++;
            return Task.FromResult(id is not null && _byId.TryGetValue(id, out var stored) && stored.OwnerId == ownerId && _byId.Remove(id));
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
}
