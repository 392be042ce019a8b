using CleanAuth.Application.Books.ImportLibrary;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.WebApi.Infrastructure;

namespace CleanAuth.WebApi.Contracts;

/// <summary>
/// A page of books. <c>next</c> is the opaque cursor of the page after this one, for <c>?cursor=</c> (null at the
/// end); <c>page</c> is null on a page reached by cursor. <c>totalCount</c> counts every book that matches.
/// </summary>
public sealed record BookPage(IReadOnlyList<BookResponse> Items, int? Page, int PageSize, long TotalCount, string? Next)
{
    public static BookPage From(BookList list) =>
        new([.. list.Items.Select(BookResponse.From)], list.Page, list.PageSize, list.TotalCount, list.Next);
}

/// <summary>
/// What an import did: books stored, rows skipped (a title the user already has, or one earlier in the file), rows
/// refused (each in <c>errors</c>, the first 1,000), and <c>stoppedAtRow</c>, the row it stopped at when the rest could
/// not be read or stored (null: read to the end). Rows count as a spreadsheet does: the header is row 1.
/// </summary>
public sealed record ImportReportResponse(
    int Imported, int Skipped, int Failed, IReadOnlyList<ImportRowErrorResponse> Errors, int? StoppedAtRow, IReadOnlyList<string> IgnoredColumns)
{
    public static ImportReportResponse From(ImportReport report) => new(
        report.Imported, report.Skipped, report.Failed, [.. report.Errors.Select(e => new ImportRowErrorResponse(e.Row, e.Field, e.Message))],
        report.StoppedAtRow, report.IgnoredColumns);
}

/// <summary>Why one row was not imported: its row number, the field (title, author, category, description) and the message.</summary>
public sealed record ImportRowErrorResponse(int Row, string Field, string Message);

/// <summary>The multipart fields of an import: the CSV <c>file</c> and the category of rows whose shelves name none.</summary>
public sealed class ImportForm
{
    public IFormFile? File { get; set; }

    public string? DefaultCategory { get; set; }

    public ImportLibraryCommand ToCommand() => new(FormUpload.From(File), DefaultCategory);
}
