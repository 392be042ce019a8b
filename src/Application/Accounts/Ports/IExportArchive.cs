namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Where an export is written, one named entry at a time (a zip archive streamed to the client, ADR 0055). An
/// entry's stream takes asynchronous writes only, and is written to the client as it goes, not kept.
/// </summary>
public interface IExportArchive
{
    /// <summary>Adds the entry <paramref name="name"/> (a path such as <c>covers/&lt;id&gt;.jpg</c>) with what <paramref name="write"/> writes into it.</summary>
    Task AddAsync(string name, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken);
}
