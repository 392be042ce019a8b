using System.IO.Compression;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The export as a zip archive written straight to the response body (ADR 0055): Create mode needs no seeking, so each
/// entry goes out as it is written and nothing holds the archive. Only the asynchronous ZipArchive API is used
/// (CreateAsync, OpenAsync, DisposeAsync): Kestrel refuses synchronous writes to a response (AllowSynchronousIO is off).
/// </summary>
public sealed class ZipExportArchive : IExportArchive, IAsyncDisposable
{
    private readonly ZipArchive _zip;

    private ZipExportArchive(ZipArchive zip) => _zip = zip;

    public static async Task<ZipExportArchive> CreateAsync(Stream body, CancellationToken cancellationToken) =>
        new(await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken));

    public async Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        // Covers are compressed already: storing them spares the CPU; JSON shrinks well.
        var level = name.EndsWith(".json", StringComparison.Ordinal) ? CompressionLevel.Fastest : CompressionLevel.NoCompression;
        var entry = _zip.CreateEntry(name, level);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await write(stream, cancellationToken);
    }

    /// <summary>Writes the central directory, asynchronously.</summary>
    public ValueTask DisposeAsync() => _zip.DisposeAsync();
}
