using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace CleanAuth.Benchmarks;

/// <summary>
/// The same work as the cover check, done with ImageSharp 2.1 for comparison only (the API uses NetVips):
/// format and size from the header (with the same pixel cap) before decoding, decode, turn upright, fit inside
/// 150×150 without enlarging, drop all metadata, JPEG q80. ImageSharp 2 cannot decode a JPEG shrunk (3.x can,
/// under a paid licence) and does not convert embedded ICC profiles, so it does the full decode and skips sRGB.
/// </summary>
public static class ImageSharpThumbnailer
{
    private const int Size = 150;
    private static readonly JpegEncoder Encoder = new() { Quality = 80 };

    public static byte[] Thumbnail(byte[] content, long maxPixels)
    {
        var info = Image.Identify(content) ?? throw new InvalidOperationException("not an image");
        if ((long)info.Width * info.Height > maxPixels)
        {
            throw new InvalidOperationException("too many pixels");
        }

        using var image = Image.Load<Rgb24>(content);
        image.Mutate(x =>
        {
            x.AutoOrient();
            if (x.GetCurrentSize().Width > Size || x.GetCurrentSize().Height > Size)
            {
                x.Resize(new ResizeOptions { Size = new Size(Size, Size), Mode = ResizeMode.Max });
            }
        });
        image.Metadata.ExifProfile = null;
        image.Metadata.IccProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, Encoder);
        return output.ToArray();
    }
}
