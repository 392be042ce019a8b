using System.Security.Cryptography;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// Turns an upload into a stored cover: checks it, makes the thumbnail, stores both files. If the
/// second file cannot be stored the first is removed, so a failure never leaves an orphan file.
/// </summary>
public sealed partial class CoverUploader(IImageService images, ICoverStore store, CoverLimits limits, ILogger<CoverUploader> logger)
{
    public const string Field = "cover";

    public async Task<Cover> StoreAsync(IUploadedFile upload, CancellationToken cancellationToken)
    {
        if (upload.Length > limits.MaxUploadBytes)
        {
            throw new ContentTooLargeException($"The cover must be at most {limits.MaxUploadBytes / (1024.0 * 1024):0.##} MB.");
        }

        var content = await ReadAllAsync(upload, cancellationToken);
        var image = await ProcessAsync(content, cancellationToken);

        var original = await SaveAsync(content, image.ContentType, cancellationToken);
        try
        {
            var thumbnail = await SaveAsync(image.Thumbnail, image.ThumbnailContentType, cancellationToken);
            return new Cover(original, thumbnail, image.Width, image.Height);
        }
        catch
        {
            await DeleteQuietlyAsync(original.FileId);
            throw;
        }
    }

    private async Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        try
        {
            return await images.ProcessAsync(content, cancellationToken);
        }
        catch (InvalidImageException ex)
        {
            throw ValidationException.ForField(Field, ex.Message);
        }
    }

    /// <summary>
    /// Removes both files of a cover that no book refers to any more. Best effort: a file that cannot be
    /// deleted is logged and left behind, so clean-up never hides the real error or undoes a saved change.
    /// </summary>
    public async Task DeleteAsync(Cover? cover)
    {
        if (cover is null)
        {
            return;
        }

        await DeleteQuietlyAsync(cover.Original.FileId);
        await DeleteQuietlyAsync(cover.Thumbnail.FileId);
    }

    private async Task DeleteQuietlyAsync(string fileId)
    {
        try
        {
            await store.DeleteAsync(fileId, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogOrphanedFile(logger, fileId, ex);
        }
    }

    [LoggerMessage(EventId = 1200, EventName = "CoverFileOrphaned", Level = LogLevel.Warning,
        Message = "Could not delete cover file {FileId}; it is left orphaned")]
    private static partial void LogOrphanedFile(ILogger logger, string fileId, Exception exception);

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
