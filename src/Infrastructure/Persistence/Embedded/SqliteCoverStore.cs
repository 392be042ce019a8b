using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Common;
using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>Covers as BLOBs in the same SQLite file as the books that name them.</summary>
public sealed class SqliteCoverStore(SqliteStore store, IIdGenerator ids) : ICoverStore
{
    // The row is made with a zero-filled BLOB of the right length, then filled through incremental BLOB I/O
    // straight from the upload's buffer, in one transaction: no copy of the bytes, and never half a cover.
    public Task<string> SaveAsync(ReadOnlyMemory<byte> content, string contentType, CancellationToken cancellationToken)
    {
        var fileId = ids.NewId();
        store.InTransaction((connection, _) => Insert(connection, fileId, contentType, content));
        return Task.FromResult(fileId);
    }

    /// <summary>Call inside a transaction: the row and its bytes are written as one.</summary>
    internal static bool Insert(SqliteConnection connection, string fileId, string contentType, ReadOnlyMemory<byte> content)
    {
        var rowId = connection.Scalar<long>(
            "INSERT INTO covers (Id, ContentType, Content) VALUES (@id, @type, zeroblob(@length)) RETURNING rowid",
            ("@id", fileId), ("@type", contentType), ("@length", content.Length));
        using var blob = new SqliteBlob(connection, "covers", "Content", rowId);
        blob.Write(content.Span);
        return true;
    }

    // Read out whole (covers are at most a few MB) so no connection stays open while the response is written.
    public Task<Stream?> OpenAsync(string fileId, CancellationToken cancellationToken) => Task.FromResult(
        ObjectIdText.Canonical(fileId) is { } id
            ? store.Run(connection => connection.Query("SELECT Content FROM covers WHERE Id = @id", row => (Stream)new MemoryStream(row.GetFieldValue<byte[]>(0), writable: false), ("@id", id)).SingleOrDefault())
            : null);

    public Task DeleteAsync(string fileId, CancellationToken cancellationToken)
    {
        if (ObjectIdText.Canonical(fileId) is { } id)
        {
            store.Run(connection => connection.Execute("DELETE FROM covers WHERE Id = @id", ("@id", id)));
        }

        return Task.CompletedTask;
    }
}
