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
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg(64, 64);
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

    /// <summary>The first half of the file.</summary>
    public static byte[] Truncated(byte[] image) => image[..(image.Length / 2)];
}
