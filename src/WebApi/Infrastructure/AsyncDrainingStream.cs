namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The response body as <see cref="System.IO.Compression.ZipArchive"/> needs it (ADR 0055): even through its
/// asynchronous API, ZipArchive writes an entry's small headers (the local header, the data descriptor) with
/// synchronous writes, which Kestrel refuses. Those are kept here and sent with the next asynchronous write or flush;
/// content goes straight through. What is kept is a few headers at a time, never content: more than
/// <see cref="MaxPending"/> bytes of synchronous writes is a bug, refused rather than buffered.
/// </summary>
public sealed class AsyncDrainingStream(Stream inner) : Stream
{
    public const int MaxPending = 1 << 20;

    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_pending.Length + buffer.Length > MaxPending)
        {
            throw new InvalidOperationException($"More than {MaxPending} bytes were written synchronously to the response.");
        }

        _pending.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await DrainAsync(cancellationToken);
        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    // Kept for the next asynchronous write or flush.
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length > 0)
        {
            await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
            _pending.SetLength(0);
        }
    }
}
