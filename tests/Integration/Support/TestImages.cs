using System.Buffers.Binary;
using System.IO.Compression;

namespace CleanAuth.Tests.Images;

/// <summary>The images only the integration tests need; the common ones are in tests/Shared/TestImages.cs.</summary>
public static partial class TestImages
{
    /// <summary>A JPEG carrying an EXIF block with the given orientation and, optionally, GPS coordinates and a camera model.</summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation, bool withGps)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment(orientation, withGps);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>
    /// A decompression bomb: a real, well-formed 1-bit greyscale PNG of the given size, all black. Zeros
    /// deflate about a thousand to one, so 20000×20000 (400 million pixels) fits in some 50 KB.
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            // Each scanline is a filter-type byte (0, none) and width bits of pixels.
            var scanline = new byte[1 + ((width + 7) / 8)];
            for (var y = 0; y < height; y++)
            {
                zlib.Write(scanline);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 1; // bit depth; colour type 0 (greyscale), deflate, adaptive filtering, no interlace follow as zeros

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WritePngChunk(png, "IHDR", header);
        WritePngChunk(png, "IDAT", idat.ToArray());
        WritePngChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>
    /// A GIF of <paramref name="frames"/> 1×1 frames: the first red, every other one blue. Written by hand
    /// (15 bytes a frame) because an encoder would spend seconds quantizing thousands of frames.
    /// </summary>
    public static byte[] AnimatedGif(int frames)
    {
        using var gif = new MemoryStream();
        gif.Write("GIF89a"u8);
        gif.Write([1, 0, 1, 0, 0x81, 0, 0]);                   // 1×1 screen, a global table of 4 colours
        gif.Write([0, 0, 0, 220, 30, 30, 30, 30, 220, 0, 0, 0]); // black, red, blue, black
        for (var i = 0; i < frames; i++)
        {
            gif.Write([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0]);       // image descriptor: 1×1 at 0,0, no local table
            // LZW, minimum code size 2, one sub-block of 2 bytes: clear (4), the colour index, end (5) in 3-bit codes.
            gif.Write([2, 2, i == 0 ? (byte)0x4C : (byte)0x54, 0x01, 0]);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    /// <summary>
    /// A GIF of <paramref name="frames"/> copies of one <see cref="TwoTone"/> frame: libvips encodes the frame
    /// once and its image block (descriptor and LZW data) is repeated, so a thousand large frames take no time to make.
    /// </summary>
    public static byte[] AnimatedGif(int frames, int width, int height)
    {
        var single = Gif(width, height);
        // Header (6 bytes), logical screen descriptor (7), then the global colour table if its flag is set.
        var position = 13 + ((single[10] & 0x80) != 0 ? 3 << ((single[10] & 7) + 1) : 0);
        var head = single[..position];
        while (single[position] == 0x21)
        {
            position = AfterSubBlocks(single, position + 2); // extension: introducer, label, sub-blocks
        }

        var start = position;
        position += 10 + ((single[start + 9] & 0x80) != 0 ? 3 << ((single[start + 9] & 7) + 1) : 0);
        position = AfterSubBlocks(single, position + 1);     // LZW minimum code size, then the data sub-blocks
        var frame = single[start..position];

        using var gif = new MemoryStream();
        gif.Write(head);
        for (var i = 0; i < frames; i++)
        {
            gif.Write(frame);
        }

        gif.WriteByte(0x3B);
        return gif.ToArray();
    }

    private static int AfterSubBlocks(byte[] gif, int position)
    {
        while (gif[position] != 0)
        {
            position += gif[position] + 1;
        }

        return position + 1;
    }

    /// <summary>A real JPEG that is also HTML to a browser that sniffs: a script in a comment segment (COM, FFFE).</summary>
    public static byte[] JpegWithHtmlComment()
    {
        var jpeg = Jpeg(64, 64);
        var html = "<html><script>alert(document.cookie)</script></html>"u8;
        var length = (ushort)(html.Length + 2);
        return [.. jpeg[..2], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. html, .. jpeg[2..]];
    }

    /// <summary>A real JPEG with an HTML page appended after its end-of-image marker, where decoders stop reading.</summary>
    public static byte[] JpegWithHtmlAfterTheEnd() =>
        [.. Jpeg(64, 64), .. "<!doctype html><html><script>alert(document.cookie)</script></html>"u8];

    private static void WritePngChunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        byte[] typeAndData = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    /// <summary>The CRC-32 (ISO-HDLC, the one PNG uses) of type and data, bit by bit: chunks here are few.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>An EXIF APP1 segment: IFD0 with Orientation, Model and (optionally) a GPS IFD with a latitude.</summary>
    private static byte[] ExifSegment(ushort orientation, bool withGps)
    {
        var tiff = new List<byte>();
        void U16(ushort v) => tiff.AddRange([(byte)(v >> 8), (byte)v]);
        void U32(uint v) => tiff.AddRange([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        void Entry(ushort tag, ushort type, uint count, uint value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }

        const string model = "SpyCam 3000\0";
        var entries = withGps ? 3 : 2;
        var ifd0Size = 2 + (entries * 12) + 4;
        var modelOffset = (uint)(8 + ifd0Size);
        var gpsOffset = modelOffset + (uint)model.Length;

        tiff.AddRange("MM"u8.ToArray());
        U16(42);
        U32(8);
        U16((ushort)entries);
        Entry(0x0110, 2, (uint)model.Length, modelOffset); // Model
        Entry(0x0112, 3, 1, (uint)orientation << 16);       // Orientation (SHORT, left-justified)
        if (withGps)
        {
            Entry(0x8825, 4, 1, gpsOffset);                 // GPS IFD pointer
        }

        U32(0);
        tiff.AddRange(System.Text.Encoding.ASCII.GetBytes(model));
        if (withGps)
        {
            var rationalsOffset = gpsOffset + 2 + (2 * 12) + 4;
            U16(2);
            Entry(0x0001, 2, 2, (uint)'N' << 24);           // GPSLatitudeRef "N"
            Entry(0x0002, 5, 3, rationalsOffset);           // GPSLatitude 51/1 30/1 0/1
            U32(0);
            foreach (var part in new uint[] { 51, 30, 0 })
            {
                U32(part);
                U32(1);
            }
        }

        var payload = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
        var length = (ushort)(payload.Length + 2);
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload];
    }
}
