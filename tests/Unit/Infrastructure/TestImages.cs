using System.Buffers.Binary;
using NetVips;

namespace CleanAuth.Tests.Unit.Infrastructure;

/// <summary>Small images the tests make with libvips, including broken and hostile ones.</summary>
public static class TestImages
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

    public static byte[] Tiff(int width = 300, int height = 200)
    {
        using var image = TwoTone(width, height);
        return image.TiffsaveBuffer();
    }

    /// <summary>A JPEG whose EXIF block carries <paramref name="orientation"/>; the pixels are stored <paramref name="width"/> × <paramref name="height"/>.</summary>
    public static byte[] JpegWithOrientation(int width, int height, int orientation)
    {
        using var image = TwoTone(width, height);
        using var tagged = image.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
        return tagged.JpegsaveBuffer(q: 90);
    }

    /// <summary>A half-transparent red PNG (4 bands).</summary>
    public static byte[] PngWithAlpha(int width = 120, int height = 80)
    {
        using var rgba = Image.Black(width, height, bands: 4) + new[] { 255.0, 0, 0, 128 };
        using var uchar = rgba.Cast(Enums.BandFormat.Uchar);
        using var srgb = uchar.Copy(interpretation: Enums.Interpretation.Srgb);
        return srgb.PngsaveBuffer();
    }

    /// <summary>A PNG with 16 bits per sample.</summary>
    public static byte[] Png16Bit(int width = 120, int height = 80)
    {
        using var rgb = Image.Black(width, height, bands: 3) + new[] { 50_000.0, 20_000, 1_000 };
        using var ushorts = rgb.Cast(Enums.BandFormat.Ushort);
        using var rgb16 = ushorts.Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgb16.PngsaveBuffer(bitdepth: 16);
    }

    /// <summary>A one-band greyscale image.</summary>
    public static Image Grey(int width = 120, int height = 80)
    {
        using var grey = Image.Black(width, height) + 128;
        using var uchar = grey.Cast(Enums.BandFormat.Uchar);
        return uchar.Copy(interpretation: Enums.Interpretation.Bw);
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
