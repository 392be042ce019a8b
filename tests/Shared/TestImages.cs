using System.Buffers.Binary;
using NetVips;

namespace CleanAuth.Tests.Images;

/// <summary>
/// Images the tests make with libvips, including broken and hostile ones. This part is linked into both the unit
/// and the integration tests; each project adds, in its own part, the images only it needs.
/// </summary>
public static partial class TestImages
{
    /// <summary>An sRGB picture: red top half, blue bottom half.</summary>
    public static Image TwoTone(int width, int height)
    {
        using var red = Image.Black(width, height / 2, bands: 3) + new[] { 220.0, 30, 30 };
        using var blue = Image.Black(width, height - (height / 2), bands: 3) + new[] { 30.0, 30, 220 };
        using var joined = red.Join(blue, Enums.Direction.Vertical);
        using var uchar = joined.Cast(Enums.BandFormat.Uchar);
        return uchar.Copy(interpretation: Enums.Interpretation.Srgb);
    }

    public static byte[] Jpeg(int width = 300, int height = 200)
    {
        using var image = TwoTone(width, height);
        return image.JpegsaveBuffer(q: 90);
    }

    public static byte[] Png(int width = 300, int height = 200)
    {
        using var image = TwoTone(width, height);
        return image.PngsaveBuffer();
    }

    public static byte[] WebP(int width = 300, int height = 200)
    {
        using var image = TwoTone(width, height);
        return image.WebpsaveBuffer();
    }

    public static byte[] Gif(int width = 300, int height = 200)
    {
        using var image = TwoTone(width, height);
        return image.GifsaveBuffer();
    }

    /// <summary>A real JPEG whose frame header claims other dimensions: decoding it would need width × height pixels.</summary>
    public static byte[] JpegClaiming(int width, int height) => Claiming(Jpeg(64, 64), width, height);

    private static byte[] Claiming(byte[] jpeg, int width, int height)
    {
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header found.");
    }

    /// <summary>
    /// The attack pass's 287 bytes: a JPEG header (one-colour 64×64 picture, optimised Huffman tables) whose frame
    /// says <paramref name="width"/> × <paramref name="height"/>, the first 23 bytes of its scan, and the end marker.
    /// libjpeg only warns that the data stopped early and fills the rest of the picture with grey.
    /// </summary>
    public static byte[] TruncatedJpegClaiming(int width, int height)
    {
        using var flat = Image.Black(64, 64, bands: 3) + new[] { 90.0, 90, 90 };
        using var uchar = flat.Cast(Enums.BandFormat.Uchar);
        using var srgb = uchar.Copy(interpretation: Enums.Interpretation.Srgb);
        var claiming = Claiming(srgb.JpegsaveBuffer(q: 90, optimizeCoding: true, keep: Enums.ForeignKeep.None), width, height);
        var scan = claiming.AsSpan().IndexOf((ReadOnlySpan<byte>)[0xFF, 0xDA]);
        var scanData = scan + 2 + BinaryPrimitives.ReadUInt16BigEndian(claiming.AsSpan(scan + 2));
        return [.. claiming[..(scanData + 23)], 0xFF, 0xD9];
    }

    /// <summary>The first half of the file.</summary>
    public static byte[] Truncated(byte[] image) => image[..(image.Length / 2)];
}
