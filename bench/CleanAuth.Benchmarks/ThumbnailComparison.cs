using System.Diagnostics;
using System.Globalization;
using CleanAuth.Application.Books.Common;
using CleanAuth.Infrastructure.Images;

namespace CleanAuth.Benchmarks;

/// <summary>
/// `thumbnails DIR REPEATS netvips|imagesharp`: times one library on the image files of `make-images`, the way
/// bench/pillow/thumbnail_bench.py times Pillow (3 warm-ups, then REPEATS runs one after another), so that
/// bench/thumbnails.sh can put all three side by side. One library per process, so the peak resident set is its own.
/// Prints: library, file, median ms, CPU ms per image (all threads), managed bytes allocated per image, then the peak RSS.
/// </summary>
public static class ThumbnailComparison
{
    public static readonly string[] Files = ["cover-1200x1800.jpg", "cover-4000x6000.jpg", "cover-1200x1800.png"];

    public static void Run(string folder, int repeats, string library)
    {
        var limits = new CoverLimits();
        using var netVips = new NetVipsImageService(limits);
        Func<byte[], byte[]> thumbnail = library switch
        {
            "netvips" => content => netVips.ProcessAsync(content, default).GetAwaiter().GetResult().Thumbnail,
            "imagesharp" => content => ImageSharpThumbnailer.Thumbnail(content, limits.MaxPixels),
            _ => throw new ArgumentException($"unknown library {library}", nameof(library)),
        };

        foreach (var file in Files)
        {
            var content = File.ReadAllBytes(Path.Combine(folder, file));
            for (var i = 0; i < 3; i++)
            {
                thumbnail(content);
            }

            var times = new double[repeats];
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < repeats; i++)
            {
                var started = Stopwatch.GetTimestamp();
                thumbnail(content);
                times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / repeats;
            var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / repeats;
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{library}\t{file}\t{times[repeats / 2]:F1}\t{cpu:F1}\t{allocated}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{library}\tpeak-rss-mib\t{PeakRssMib():F0}"));
    }

    private static double PeakRssMib()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}
