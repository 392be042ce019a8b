using System.Globalization;
using BenchmarkDotNet.Running;
using CleanAuth.Benchmarks;

// `make-images DIR` writes the benchmark's images to files, for the load scripts and the Pillow comparison.
if (args is ["make-images", var folder])
{
    Directory.CreateDirectory(folder);
    File.WriteAllBytes(Path.Combine(folder, "cover-1200x1800.jpg"), BenchmarkImages.Jpeg(1200, 1800));
    File.WriteAllBytes(Path.Combine(folder, "cover-600x900.jpg"), BenchmarkImages.Jpeg(600, 900));
    File.WriteAllBytes(Path.Combine(folder, "cover-4000x6000.jpg"), BenchmarkImages.Jpeg(4000, 6000));
    File.WriteAllBytes(Path.Combine(folder, "cover-1200x1800.png"), BenchmarkImages.Png(1200, 1800));
    return;
}

// `thumbnails DIR REPEATS netvips|imagesharp` times one library on those files (bench/thumbnails.sh runs it).
if (args is ["thumbnails", var imageFolder, var repeats, var library])
{
    ThumbnailComparison.Run(imageFolder, int.Parse(repeats, CultureInfo.InvariantCulture), library);
    return;
}

// `seed-growth DIR USERS MINE OTHERS` fills an embedded store for the growth runs of bench/growth.sh.
if (args is ["seed-growth", var dataPath, var users, var mine, var others])
{
    GrowthSeed.Run(dataPath, int.Parse(users, CultureInfo.InvariantCulture), int.Parse(mine, CultureInfo.InvariantCulture),
        int.Parse(others, CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ThumbnailBenchmarks).Assembly).Run(args);
