namespace CleanAuth.Tests.Integration.Support;

/// <summary>
/// Files opened through a switch that can be pulled: while unplugged, every read, write, flush and open fails
/// with an <see cref="IOException"/>, as on a disk that has gone away (EIO); plugged back, new opens work again.
/// The embedded store opens its files through <see cref="Open"/>, so LiteDB meets the failure as it would meet
/// a real one. An open handle keeps working through chmod or a deleted file, so those could not make it fail.
/// </summary>
public sealed class UnpluggableDisk
{
    private volatile bool _unplugged;

    public void Unplug() => _unplugged = true;

    public void PlugBack() => _unplugged = false;

    public Stream Open(string path)
    {
        ThrowIfUnplugged();
        return new SwitchedStream(this, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, 8192, FileOptions.RandomAccess));
    }

    private void ThrowIfUnplugged()
    {
        if (_unplugged)
        {
            throw new IOException("Input/output error (the test unplugged the disk).");
        }
    }

    private sealed class SwitchedStream(UnpluggableDisk disk, FileStream file) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => true;

        public override long Length
        {
            get
            {
                disk.ThrowIfUnplugged();
                return file.Length;
            }
        }

        // The position is bookkeeping in this process, not a disk access; LiteDB sets it before every read.
        public override long Position { get => file.Position; set => file.Position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            disk.ThrowIfUnplugged();
            return file.Read(buffer, offset, count);
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            disk.ThrowIfUnplugged();
            file.Write(buffer, offset, count);
        }

        // LiteDB flushes its log to disk only for a FileStream; through a wrapper it calls Flush(), so this keeps
        // the fsync a real file would get.
        public override void Flush()
        {
            disk.ThrowIfUnplugged();
            file.Flush(flushToDisk: true);
        }

        public override long Seek(long offset, SeekOrigin origin) => file.Seek(offset, origin);

        public override void SetLength(long value)
        {
            disk.ThrowIfUnplugged();
            file.SetLength(value);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                // Buffered bytes would be lost on a real failed disk too; what matters is the handle is released.
                try
                {
                    file.Dispose();
                }
                catch (IOException)
                {
                }
            }

            base.Dispose(disposing);
        }
    }
}
