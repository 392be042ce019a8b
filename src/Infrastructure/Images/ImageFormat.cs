namespace CleanAuth.Infrastructure.Images;

/// <summary>The accepted image formats, told apart by their first bytes only (never by a name or a declared type).</summary>
public sealed record ImageFormat(string ContentType, string VipsLoader)
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", "jpegload");
    public static readonly ImageFormat Png = new("image/png", "pngload");
    public static readonly ImageFormat Gif = new("image/gif", "gifload");
    public static readonly ImageFormat WebP = new("image/webp", "webpload");

    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        return content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8) ? WebP : null;
    }
}
