using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary>
/// <c>books.json</c>: the library in its own JSON format, the one <c>GET /api/books/export?format=json</c> writes and
/// the library import reads back (one format, not two; ADR 0057). Covers are beside it under <c>covers/</c>.
/// </summary>
public sealed class BooksPart(LibraryReader library) : IAccountExportPart
{
    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.AddAsync("books.json", (stream, ct) => LibraryJson.WriteAsync(stream, library.ReadAsync(user.Id, ct), ct), cancellationToken);
}
