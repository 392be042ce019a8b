using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Application.Books.Common;

/// <summary>How large a cover upload may be (configuration section "Covers").</summary>
public sealed class CoverLimits
{
    public const string Section = "Covers";

    /// <summary>Largest accepted file; a larger one gets 413 before its body is read.</summary>
    [Range(1L, 1024L * 1024 * 1024, ErrorMessage = "Covers:MaxUploadBytes must be between 1 and 1073741824.")]
    public long MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest accepted width × height, read from the header before anything is decoded.</summary>
    [Range(1L, 1_000_000_000L, ErrorMessage = "Covers:MaxPixels must be between 1 and 1000000000.")]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>How many thumbnails are made at once; more uploads wait, so memory stays bounded.</summary>
    [Range(1, 1024, ErrorMessage = "Covers:MaxConcurrentThumbnails must be between 1 and 1024.")]
    public int MaxConcurrentThumbnails { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 1024);

    /// <summary>
    /// Decoded pixels in memory at once, in MiB: each cover reserves width × height × bands × bytes per band (read
    /// from its header; a JPEG at the scale it is decoded at) before it is decoded, and one larger than the whole
    /// budget is decoded alone (ADR 0045). A 40-megapixel 16-bit RGBA PNG is 305 MiB; a 24 MP JPEG ~1 MiB.
    /// </summary>
    [Range(1, 1_048_576, ErrorMessage = "Covers:DecodeBudgetMegabytes must be between 1 and 1048576.")]
    public int DecodeBudgetMegabytes { get; set; } = 256;

    /// <summary>How long a cover waits for room in the decode budget before the upload is answered 503 with Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00", ErrorMessage = "Covers:DecodeQueueTimeout must be between 00:00:00.010 and 00:05:00.")]
    public TimeSpan DecodeQueueTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
