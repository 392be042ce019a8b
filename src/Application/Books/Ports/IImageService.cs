using CleanAuth.Application.Common.Exceptions;
namespace CleanAuth.Application.Books.Ports;

/// <summary>Checks an uploaded picture and makes its thumbnail.</summary>
public interface IImageService
{
    /// <summary>
    /// Decides the format from the content's first bytes, checks the size limits from the header
    /// before decoding, and makes a thumbnail that fits 150×150 with no metadata. Throws
    /// <see cref="UnsupportedMediaException"/> for anything that is not a JPEG, PNG, WebP or GIF,
    /// and <see cref="InvalidImageException"/> for an image that is too large in pixels, empty, truncated or corrupt.
    /// </summary>
    Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}

/// <summary>
/// What is wrong with the picture itself (its message says what, for a person); the caller decides which
/// input it blames, e.g. a form field.
/// </summary>
public sealed class InvalidImageException(string message) : Exception(message);

/// <summary>An accepted upload: its media type and upright size, and the encoded thumbnail.</summary>
public sealed record ProcessedImage(string ContentType, int Width, int Height, byte[] Thumbnail, string ThumbnailContentType);
