using System.Runtime.InteropServices;

namespace CleanAuth.Infrastructure.Persistence;

public static class ReadOnlyMemoryStream
{
    /// <summary>A stream over the bytes without copying them when they live in an array (an upload's buffer always does).</summary>
    public static MemoryStream Over(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}
