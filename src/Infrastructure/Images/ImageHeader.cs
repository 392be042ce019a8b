using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using NetVips;

namespace CleanAuth.Infrastructure.Images;

/// <summary>
/// What an upload's header says before a pixel is decoded: its size, its orientation, and how many bytes its
/// pixels take once decoded (which is what the decode budget reserves).
/// </summary>
internal sealed record ImageHeader(ImageFormat Format, int Width, int Height, bool Upright, int Bands, int BytesPerBand)
{
    /// <summary>Reads the header lazily (libvips decodes nothing yet) and checks that its loader is the one the magic bytes named.</summary>
    public static ImageHeader Read(Source content, ImageFormat format)
    {
        try
        {
            using var header = Image.NewFromSource(content, access: Enums.Access.Sequential);
            var loader = header.Contains("vips-loader") ? (string)header.Get("vips-loader") : "";
            if (!loader.StartsWith(format.VipsLoader, StringComparison.Ordinal))
            {
                throw new UnsupportedMediaException("The cover must be a JPEG, PNG, WebP or GIF image.");
            }

            // Orientations 5–8 turn the picture by 90°, swapping its upright width and height.
            var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
            return new ImageHeader(format, header.Width, header.Height, orientation is < 5 or > 8, header.Bands, BytesPer(header.Format));
        }
        catch (VipsException)
        {
            throw new InvalidImageException("The file is not a readable image.");
        }
    }

    public long Pixels => (long)Width * Height;

    /// <summary>The largest JPEG decode shrink (1, 2, 4 or 8) that still leaves at least <paramref name="size"/> on the longer side; 1 for other formats.</summary>
    public int ShrinkOnLoad(int size)
    {
        if (Format != ImageFormat.Jpeg)
        {
            return 1;
        }

        var reduction = Math.Max((double)Width / size, (double)Height / size);
        var shrink = 1;
        while (shrink < 8 && shrink * 2 <= reduction)
        {
            shrink *= 2;
        }

        return shrink;
    }

    /// <summary>Width × height × bands × bytes per band at the scale the picture is decoded at for a thumbnail of <paramref name="size"/>.</summary>
    public long DecodedBytes(int size)
    {
        var shrink = ShrinkOnLoad(size);
        return (long)Math.Ceiling((double)Width / shrink) * (long)Math.Ceiling((double)Height / shrink) * Bands * BytesPerBand;
    }

    private static int BytesPer(Enums.BandFormat format) => format switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 1,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 2,
        Enums.BandFormat.Uint or Enums.BandFormat.Int or Enums.BandFormat.Float => 4,
        Enums.BandFormat.Double or Enums.BandFormat.Complex => 8,
        _ => 16,
    };
}
