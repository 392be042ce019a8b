using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Infrastructure.Images;

namespace CleanAuth.Benchmarks;

/// <summary>The whole cover check of an upload: header, pixel limit, thumbnail, JPEG encode.</summary>
[MemoryDiagnoser]
public class ThumbnailBenchmarks
{
    private readonly NetVipsImageService _images = new(new CoverLimits());
    private byte[] _jpeg1200x1800 = [];
    private byte[] _jpeg4000x6000 = [];
    private byte[] _png1200x1800 = [];

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
}
