using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>An uploaded file over a byte array; counts how often it was opened.</summary>
public sealed class FakeUpload(byte[] content) : IUploadedFile
{
    public byte[] Content { get; } = content;

    public long Length => Content.Length;

    public int OpenCount { get; private set; }

    /// <summary>An upload of <paramref name="length"/> bytes that starts like a PNG file.</summary>
    public static FakeUpload Png(int length = 64)
    {
        var content = new byte[length];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.AsSpan(0, Math.Min(length, signature.Length)).CopyTo(content);
        for (var i = signature.Length; i < length; i++)
        {
            content[i] = (byte)i;
        }

        return new FakeUpload(content);
    }

    public Stream OpenReadStream()
    {
        OpenCount++;
        return new MemoryStream(Content, writable: false);
    }
}
