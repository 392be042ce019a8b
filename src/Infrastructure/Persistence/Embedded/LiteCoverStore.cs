using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>Covers in the LiteDB file's own file storage, next to the books that name them.</summary>
public sealed class LiteCoverStore(LiteStore store, IIdGenerator ids) : ICoverStore
{
    public Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var fileId = ids.NewId();
        store.Guard(() =>
        {
            using var stream = ReadOnlyMemoryStream.Over(content);
            return store.Covers.Upload(fileId, "cover", stream);
        });
        return Task.FromResult(fileId);
    }

    // Copied out whole (covers are at most a few MB) so no LiteDB reader stays open while the response is written.
    public Task<Stream?> OpenAsync(string fileId, CancellationToken cancellationToken) => Task.FromResult(store.Guard(() =>
    {
        if (ObjectIds.Normalize(fileId) is not { } id || !store.Covers.Exists(id))
        {
            return null;
        }

        var copy = new MemoryStream();
        store.Covers.Download(id, copy);
        copy.Position = 0;
        return (Stream?)copy;
    }));

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken)
    {
        if (ObjectIds.Normalize(fileId) is { } id)
        {
            store.Guard(() => store.Covers.Delete(id));
        }

        return Task.CompletedTask;
    }
}
