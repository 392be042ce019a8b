using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Books.ExportLibrary;

/// <summary>The caller's whole library in CleanAuth's format, <c>csv</c> (default) or <c>json</c>, written as it is read (ADR 0057).</summary>
public sealed record ExportLibraryQuery(string? Format) : IRequest<LibraryExport>, IRequireUser;

/// <summary>An export to send: its media type, file name, and how to write it to the response body (streamed).</summary>
public sealed record LibraryExport(string ContentType, string FileName, Func<Stream, CancellationToken, Task> WriteAsync);

public sealed class ExportLibraryQueryHandler(ICurrentUser currentUser, LibraryReader library, ILibraryCsv csv)
    : IRequestHandler<ExportLibraryQuery, LibraryExport>
{
    public Task<LibraryExport> Handle(ExportLibraryQuery request, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.User.Id;
        return Task.FromResult(request.Format == "json"
            ? new LibraryExport(LibraryJson.ContentType, "books.json", (body, ct) => LibraryJson.WriteAsync(body, library.ReadAsync(ownerId, ct), ct))
            : new LibraryExport("text/csv; charset=utf-8", "books.csv", (body, ct) => csv.WriteAsync(body, library.ReadAsync(ownerId, ct), ct)));
    }
}
