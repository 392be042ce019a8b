using System.Buffers.Binary;
using NetVips;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Images made by the tests themselves, including broken and hostile ones.</summary>
public static class TestImages
{
    /// <summary>A landscape picture: red top half, blue bottom half.</summary>
    public static Image TwoTone(int width, int height)
    {
        using var red = Image.Black(width, height / 2, bands: 3) + new[] { 220.0, 30, 30 };
        using var blue = Image.Black(width, height - (height / 2), bands: 3) + new[] { 30.0, 30, 220 };
        using var joined = red.Join(blue, Enums.Direction.Vertical);
        return joined.Cast(Enums.BandFormat.Uchar);
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

    /// <summary>A JPEG carrying an EXIF block with the given orientation and, optionally, GPS coordinates and a camera model.</summary>
    public static byte[] JpegWithExif(int width, int height, ushort orientation, bool withGps)
    {
        var jpeg = Jpeg(width, height);
        var app1 = ExifSegment(orientation, withGps);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A real JPEG whose frame header claims other dimensions: decoding it would need width × height pixels.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        var jpeg = Jpeg(64, 64);
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                return jpeg;
            }
        }

        throw new InvalidOperationException("No frame header found.");
    }

    public static byte[] Truncated(byte[] image) => image[..(image.Length / 2)];

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
