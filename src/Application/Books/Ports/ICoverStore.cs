namespace CleanAuth.Application.Books.Ports;

/// <summary>Where cover images are kept: in the database (GridFS, or BLOBs in the SQLite file), never on the web server's disk.</summary>
public interface ICoverStore
{
    /// <summary>Stores the bytes and returns the new file's id.</summary>
    Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken);

    /// <summary>The file's content, or null when there is no such file.</summary>
    Task<Stream?> OpenAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>Removes the file; removing a file that is not there is not an error.</summary>
    Task DeleteAsync(string fileId, CancellationToken cancellationToken);
}
