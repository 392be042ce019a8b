using System.IO.Compression;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The export as a zip archive written straight to the response body (ADR 0055): Create mode needs no seeking, so each
/// entry goes out as it is written and nothing holds the archive. Only the asynchronous ZipArchive API is used
/// (CreateAsync, OpenAsync, DisposeAsync), over <see cref="AsyncDrainingStream"/> for the few header bytes it still
/// writes synchronously: Kestrel refuses synchronous writes to a response (AllowSynchronousIO is off).
/// </summary>
public sealed class ZipExportArchive : IExportArchive, IAsyncDisposable
{
    private readonly AsyncDrainingStream _body;
    private readonly ZipArchive _zip;

    private ZipExportArchive(AsyncDrainingStream body, ZipArchive zip) => (_body, _zip) = (body, zip);

    public static async Task<ZipExportArchive> CreateAsync(Stream body, CancellationToken cancellationToken)
    {
        var draining = new AsyncDrainingStream(body);
        return new(draining, await ZipArchive.CreateAsync(draining, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken));
    }

    public async Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // Covers are compressed already: storing them spares the CPU; JSON shrinks well.
        var level = name.EndsWith(".json", StringComparison.Ordinal) ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        var entry = _zip.CreateEntry(name, level);
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await write(stream, cancellationToken);
        }

        // The entry's data descriptor goes out now, not with the next entry.
        await _body.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the central directory and sends what is left.</summary>
    public async ValueTask DisposeAsync()
    {
        await _zip.DisposeAsync();
        await _body.FlushAsync(CancellationToken.None);
        await _body.DisposeAsync();
    }
}
