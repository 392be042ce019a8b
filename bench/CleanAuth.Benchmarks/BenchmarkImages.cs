using NetVips;

namespace CleanAuth.Benchmarks;

/// <summary>
/// Photo-like test images made here, so the benchmark needs no files: smooth Perlin colour fields with a
/// little grain, which compress and decode like a photographed cover rather than a flat test card.
/// </summary>
public static class BenchmarkImages
{
    public static byte[] Jpeg(int width, int height) => Make(width, height, image => image.JpegsaveBuffer(q: 90));

    public static byte[] Png(int width, int height) => Make(width, height, image => image.PngsaveBuffer());

    private static byte[] Make(int width, int height, Func<Image, byte[]> encode)
    {
        using var red = Image.Perlin(width, height, cellSize: 256, seed: 1);
        using var green = Image.Perlin(width, height, cellSize: 128, seed: 2);
        using var blue = Image.Perlin(width, height, cellSize: 64, seed: 3);
        using var bands = red.Bandjoin(green, blue);
        using var grain = Image.Gaussnoise(width, height, sigma: 6, mean: 0);
        using var colour = (bands * 110) + 128 + grain;
        using var photo = colour.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return encode(photo);
    }
}
