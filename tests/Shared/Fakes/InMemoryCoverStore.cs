using System.Globalization;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Common;

namespace CleanAuth.Tests.Fakes;

/// <summary>A file the fake cover store holds.</summary>
public sealed record StoredCoverFile(byte[] Content, string ContentType);

/// <summary>
/// An in-memory <see cref="ICoverStore"/> that remembers which files are live, so a test can assert that a
/// failure left no orphan file behind. A save can be told to fail.
/// </summary>
public sealed class InMemoryCoverStore : ICoverStore
{
    private readonly Dictionary<string, StoredCoverFile> _files = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private int _nextId;
    private int _savesUntilFailure;
    private Exception? _saveFailure;

    /// <summary>Runs at the start of <see cref="DeleteAsync"/> with the file's id, e.g. to check what still points at it.</summary>
    public Action<string>? BeforeDelete { get; set; }

    /// <summary>Every <see cref="SaveAsync"/> call, failed ones included.</summary>
    public int SaveCalls { get; private set; }

    /// <summary>The ids <see cref="DeleteAsync"/> was called with, in order.</summary>
    public List<string> DeletedFileIds { get; } = [];

    /// <summary>The ids of the files stored now.</summary>
    public IReadOnlySet<string> LiveFileIds
    {
        get
        {
            lock (_gate)
            {
                return _files.Keys.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>
    /// The <paramref name="nth"/> <see cref="SaveAsync"/> from now on (1: the next one) throws <paramref name="exception"/>
    /// and stores nothing; the saves before it and after it succeed.
    /// </summary>
    public void FailSave(int nth, Exception? exception = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nth, 1);
        _savesUntilFailure = nth;
        _saveFailure = exception ?? new IOException("Simulated cover store failure.");
    }

    public Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            SaveCalls++;
            if (_saveFailure is not null && --_savesUntilFailure == 0)
            {
                var failure = _saveFailure;
                _saveFailure = null;
                throw failure;
            }

            return Task.FromResult(Store(content.ToArray(), contentType));
        }
    }

    public Task<Stream?> OpenAsync(string fileId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<Stream?>(ObjectIdText.Canonical(fileId) is { } key && _files.TryGetValue(key, out var file)
                ? new MemoryStream(file.Content, writable: false)
                : null);
        }
    }

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken)
    {
        BeforeDelete?.Invoke(fileId);
        lock (_gate)
        {
            DeletedFileIds.Add(fileId);
            if (ObjectIdText.Canonical(fileId) is { } key)
            {
                _files.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Stores a file directly (test arrangement) and returns its id; not counted as a save.</summary>
    public string Seed(byte[] content, string contentType)
    {
        lock (_gate)
        {
            return Store(content, contentType);
        }
    }

    /// <summary>The stored file, or null.</summary>
    public StoredCoverFile? File(string fileId)
    {
        lock (_gate)
        {
            return ObjectIdText.Canonical(fileId) is { } key ? _files.GetValueOrDefault(key) : null;
        }
    }

    private string Store(byte[] content, string contentType)
    {
        // ObjectId-shaped, as both stores hand them out (the counter starts high so no test mistakes one for a user's or a book's id).
        var id = (0xf11e000000L + ++_nextId).ToString("x24", CultureInfo.InvariantCulture);
        _files[id] = new StoredCoverFile(content, contentType);
        return id;
    }
}
