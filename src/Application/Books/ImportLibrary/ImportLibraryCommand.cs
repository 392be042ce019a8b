using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Application.Books.ImportLibrary;

/// <summary>Imports a CSV library file (Goodreads' export or CleanAuth's own) into the caller's library (ADR 0057).</summary>
public sealed record ImportLibraryCommand(IUploadedFile? File, string? DefaultCategory) : IRequest<ImportReport>, IRequireUser
{
    public const int MaxRows = 10_000;
    public const long MaxFileBytes = 5 * 1024 * 1024;
}

/// <summary>What an import did. <see cref="StoppedAtRow"/> is the row it stopped at when it could not read or store the rest; null when it read to the end.</summary>
public sealed record ImportReport(int Imported, int Skipped, int Failed, IReadOnlyList<ImportRowError> Errors, int? StoppedAtRow, IReadOnlyList<string> IgnoredColumns);

public sealed record ImportRowError(int Row, string Field, string Message);

public sealed class ImportLibraryCommandHandler(ICurrentUser currentUser, ILibraryCsv csv, LibraryImporter importer)
    : IRequestHandler<ImportLibraryCommand, ImportReport>
{
    public async Task<ImportReport> Handle(ImportLibraryCommand request, CancellationToken cancellationToken)
    {
        LibraryCsvFile file;
        await using (var content = request.File!.OpenReadStream())
        {
            file = csv.Read(content, ImportLibraryCommand.MaxRows);
        }

        if (file.Rows.Count > ImportLibraryCommand.MaxRows)
        {
            throw ValidationException.ForField("file", $"A library file has at most {ImportLibraryCommand.MaxRows:N0} rows.");
        }

        var report = await importer.ImportAsync(currentUser.User.Id, file.Rows, request.DefaultCategory, cancellationToken);
        return report with { StoppedAtRow = report.StoppedAtRow ?? file.BrokenAtRow, IgnoredColumns = file.IgnoredColumns };
    }
}
