using System.Diagnostics.Metrics;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Observability;
using NetVips;

namespace CleanAuth.Infrastructure.Images;

/// <summary>
/// Covers with libvips: the header is read (and its pixel count checked) before anything is decoded;
/// the thumbnail is made with shrink-on-load, turned upright, converted to sRGB and saved with no metadata.
/// </summary>
public sealed class NetVipsImageService : IImageService, IDisposable
{
    public const int ThumbnailSize = 150;
    public const int ThumbnailQuality = 80;
    private const string ThumbnailContentType = "image/jpeg";

    // Decodes this large leave enough freed memory in the C heap to be worth handing back (a trim takes ~1 ms).
    private const long TrimAfterBytes = 16L * 1024 * 1024;

    /// <summary>Thumbnails made, tagged with the cover's media type (meter "CleanAuth").</summary>
    public const string ThumbnailsInstrument = "cleanauth.covers.thumbnails";

    // libvips prints a warning to stderr for every damaged upload ("premature end of JPEG image"): plain-text
    // lines in a process whose logs are JSON, about files that are already refused with a 400 carrying libvips'
    // error. Dropped; the delegate is kept in a field so the native side never calls a collected one.
    private static readonly Log.LogDelegate DropWarning = (_, _, _) => { };

    private readonly CoverLimits _limits;
    private readonly DecodeBudget _budget;
    private readonly bool _ownsBudget;

    // An explicit static constructor, so the handler is installed when the type is first used (field initializers
    // alone may run only when a static field is read, and none is).
    static NetVipsImageService() => Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning, DropWarning);
    private readonly SemaphoreSlim _slots;
    private readonly Counter<long>? _thumbnails;

    public NetVipsImageService(CoverLimits limits, IMeterFactory? meterFactory = null, DecodeBudget? budget = null)
    {
        _limits = limits;
        _ownsBudget = budget is null;
        _budget = budget ?? new DecodeBudget(limits);
        _slots = new SemaphoreSlim(limits.MaxConcurrentThumbnails);
        _thumbnails = meterFactory?.Create(AuthMetrics.MeterName)
            .CreateCounter<long>(ThumbnailsInstrument, unit: "{thumbnail}", description: "Cover thumbnails made, tagged content_type.");

        // libvips' operation cache would keep decoded images of past uploads in memory; nothing here repeats.
        Cache.Max = 0;
    }

    public async Task<ProcessedImage> ProcessAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (content.IsEmpty)
        {
            throw new InvalidImageException("The file is empty.");
        }

        var format = ImageFormat.Detect(content.Span)
            ?? throw new UnsupportedMediaException("The cover must be a JPEG, PNG, WebP or GIF image.");

        // One copy of the upload in libvips' memory, read by the header and by the decode: a .NET stream would be
        // read through a callback per chunk, which cost ~8 % of the time on a 24 MP JPEG.
        using var source = Source.NewFromMemory(content.Span);
        var header = ImageHeader.Read(source, format);
        if (header.Pixels > _limits.MaxPixels)
        {
            throw new InvalidImageException(
                $"The image is {header.Width}×{header.Height} pixels; at most {_limits.MaxPixels:N0} pixels are accepted.");
        }

        // Bytes first, then a thread: the count of slots bounds CPU, the budget bounds what the decodes hold (ADR 0045).
        var decodedBytes = header.DecodedBytes(ThumbnailSize);
        using var room = await _budget.ReserveAsync(decodedBytes, cancellationToken);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var image = await Task.Run(() => Process(source, header), cancellationToken);
            _thumbnails?.Add(1, new KeyValuePair<string, object?>("content_type", image.ContentType));
            return image;
        }
        finally
        {
            _slots.Release();
            if (decodedBytes >= TrimAfterBytes)
            {
                NativeHeap.Trim();
            }
        }
    }

    public void Dispose()
    {
        _slots.Dispose();
        if (_ownsBudget)
        {
            _budget.Dispose();
        }
    }

    private static ProcessedImage Process(Source source, ImageHeader header)
    {
        try
        {
            var bytes = Thumbnail(source, header);
            return header.Upright
                ? new ProcessedImage(header.Format.ContentType, header.Width, header.Height, bytes, ThumbnailContentType)
                : new ProcessedImage(header.Format.ContentType, header.Height, header.Width, bytes, ThumbnailContentType);
        }
        catch (VipsException)
        {
            throw new InvalidImageException("The image is truncated or corrupt.");
        }
    }

    /// <summary>
    /// One pass over the pixels: a JPEG is decoded already shrunk (by 2, 4 or 8) as far as the thumbnail
    /// allows; the small result is rendered to memory, which is where a damaged file fails, then turned upright and
    /// encoded. Any warning of the decoder fails it (<c>FailOn.Warning</c>): a JPEG whose data stops before its
    /// picture is complete is only a warning to libjpeg, even with an end marker after it, and <c>FailOn.Truncated</c>
    /// lets that through (ADR 0045).
    /// </summary>
    private static byte[] Thumbnail(Source content, ImageHeader header)
    {
        var jpeg = header.Format == ImageFormat.Jpeg;
        var options = jpeg ? $"[shrink={header.ShrinkOnLoad(ThumbnailSize)}]" : "";

        // A JPEG decoded shrunk is small (at most ~2 MB at the pixel cap: 1/64 of the pixels), so it is decoded
        // into memory in one go, without the sequential line cache and its locks between libvips' threads (~3 % less
        // CPU on a 24 MP cover, and no stalls when the machine is busy). Other formats are decoded at full size,
        // so they stay streamed.
        var access = jpeg ? Enums.Access.Random : Enums.Access.Sequential;
        using var source = Image.NewFromSource(content, options, access: access, failOn: Enums.FailOn.Warning);
        using var small = source.ThumbnailImage(ThumbnailSize, height: ThumbnailSize, size: Enums.Size.Down, noRotate: true);
        using var rendered = small.CopyMemory();
        using var upright = rendered.Autorot();
        return ToSrgbJpeg(upright);
    }

    private static byte[] ToSrgbJpeg(Image thumbnail)
    {
        using var srgb = thumbnail.Interpretation == Enums.Interpretation.Srgb ? thumbnail.Copy() : thumbnail.Colourspace(Enums.Interpretation.Srgb);
        using var opaque = srgb.HasAlpha() ? srgb.Flatten(background: [255, 255, 255]) : srgb.Copy();
        return opaque.JpegsaveBuffer(q: ThumbnailQuality, optimizeCoding: true, keep: Enums.ForeignKeep.None);
    }
}
