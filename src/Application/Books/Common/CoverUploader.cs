using System.Security.Cryptography;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// Turns an upload into a stored cover: checks it, makes the thumbnail, stores both files. If the
/// second file cannot be stored the first is removed, so a failure never leaves an orphan file.
/// </summary>
public sealed class CoverUploader(IImageService images, ICoverStore store, CoverLimits limits)
{
    public const string Field = "cover";

    public async Task<Cover> StoreAsync(IUploadedFile upload, CancellationToken cancellationToken)
    {
        if (upload.Length > limits.MaxUploadBytes)
        {
            throw new ContentTooLargeException($"The cover must be at most {limits.MaxUploadBytes / (1024 * 1024)} MB.");
        }

        var content = await ReadAllAsync(upload, cancellationToken);
        var image = await images.ProcessAsync(content, Field, cancellationToken);

        var original = await SaveAsync(content, image.ContentType, cancellationToken);
        try
        {
            var thumbnail = await SaveAsync(image.Thumbnail, image.ThumbnailContentType, cancellationToken);
            return new Cover(original, thumbnail, image.Width, image.Height);
        }
        catch
        {
            await store.DeleteAsync(original.FileId, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Removes both files of a cover that no book refers to any more.</summary>
    public async Task DeleteAsync(Cover cover)
    {
        await store.DeleteAsync(cover.Original.FileId, CancellationToken.None);
        await store.DeleteAsync(cover.Thumbnail.FileId, CancellationToken.None);
    }

    private async Task<StoredImage> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var fileId = await store.SaveAsync(content, contentType, cancellationToken);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content.Span))}\"";
        return new StoredImage(fileId, contentType, etag, content.Length);
    }

    private static async Task<ReadOnlyMemory<byte>> ReadAllAsync(IUploadedFile upload, CancellationToken cancellationToken)
    {
        await using var stream = upload.OpenReadStream();
        var buffer = new MemoryStream((int)upload.Length);
        await stream.CopyToAsync(buffer, cancellationToken);
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
