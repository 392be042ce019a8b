using CleanAuth.Application.Books.Ports;
using MongoDB.Bson;
using MongoDB.Driver.GridFS;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>Covers in GridFS, so that no API instance keeps a file on its own disk.</summary>
public sealed class GridFsCoverStore(MongoStore store) : ICoverStore
{
    public Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken) =>
        MongoStore.MapOutage(async () =>
        {
            using var stream = ReadOnlyMemoryStream.Over(content);
            var options = new GridFSUploadOptions { Metadata = new BsonDocument("contentType", contentType) };
            var id = await store.Covers.UploadFromStreamAsync("cover", stream, options, cancellationToken);
            return id.ToString();
        });

    public Task<Stream?> OpenAsync(string fileId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (!ObjectIds.TryParse(fileId, out var id))
        {
            return null;
        }

        try
        {
            return (Stream?)await store.Covers.OpenDownloadStreamAsync(id, cancellationToken: cancellationToken);
        }
        catch (GridFSFileNotFoundException)
        {
            return null;
        }
    });

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken) => MongoStore.MapOutage(async () =>
    {
        if (!ObjectIds.TryParse(fileId, out var id))
        {
            return;
        }

        try
        {
            await store.Covers.DeleteAsync(id, cancellationToken);
        }
        catch (GridFSFileNotFoundException)
        {
            // Already gone: deleting is idempotent.
        }
    });
}
