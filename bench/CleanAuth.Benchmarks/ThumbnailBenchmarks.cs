using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Infrastructure.Images;

namespace CleanAuth.Benchmarks;

/// <summary>
/// The whole cover check of an upload: header, pixel limit, thumbnail, JPEG encode; the API's NetVips service and,
/// for comparison only, the same work with ImageSharp.
/// </summary>
[MemoryDiagnoser]
public class ThumbnailBenchmarks
{
    private readonly CoverLimits _limits = new();
    private readonly NetVipsImageService _images;
    private byte[] _jpeg1200x1800 = [];
    private byte[] _jpeg4000x6000 = [];
    private byte[] _png1200x1800 = [];

    public ThumbnailBenchmarks() => _images = new NetVipsImageService(_limits);

    [GlobalSetup]
    public void MakeImages()
    {
        _jpeg1200x1800 = BenchmarkImages.Jpeg(1200, 1800);
        _jpeg4000x6000 = BenchmarkImages.Jpeg(4000, 6000);
        _png1200x1800 = BenchmarkImages.Png(1200, 1800);
    }

    [GlobalCleanup]
    public void Dispose() => _images.Dispose();

    [Benchmark(Description = "JPEG 1200x1800")]
    public Task<ProcessedImage> Jpeg1200x1800() => _images.ProcessAsync(_jpeg1200x1800, default);

    [Benchmark(Description = "JPEG 4000x6000")]
    public Task<ProcessedImage> Jpeg4000x6000() => _images.ProcessAsync(_jpeg4000x6000, default);

    [Benchmark(Description = "PNG 1200x1800")]
    public Task<ProcessedImage> Png1200x1800() => _images.ProcessAsync(_png1200x1800, default);

    [Benchmark(Description = "ImageSharp JPEG 1200x1800")]
    public byte[] ImageSharpJpeg1200x1800() => ImageSharpThumbnailer.Thumbnail(_jpeg1200x1800, _limits.MaxPixels);

    [Benchmark(Description = "ImageSharp JPEG 4000x6000")]
    public byte[] ImageSharpJpeg4000x6000() => ImageSharpThumbnailer.Thumbnail(_jpeg4000x6000, _limits.MaxPixels);

    [Benchmark(Description = "ImageSharp PNG 1200x1800")]
    public byte[] ImageSharpPng1200x1800() => ImageSharpThumbnailer.Thumbnail(_png1200x1800, _limits.MaxPixels);
}
