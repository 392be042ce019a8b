using NetVips;

namespace CleanAuth.Tests.Images;

/// <summary>The images only the unit tests need; the common ones are in tests/Shared/TestImages.cs.</summary>
public static partial class TestImages
{
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
}
