using CleanAuth.Application.Books.Common;

namespace CleanAuth.Application.Books.Ports;

/// <summary>CSV library files: read for import (Goodreads' export or CleanAuth's own, told apart by the header), written for export.</summary>
public interface ILibraryCsv
{
    /// <summary>
    /// The rows of a file, at most <paramref name="maxRows"/> + 1 of them (so a caller sees there were more). A
    /// header of neither format is a 400 on <c>file</c>; a file that cannot be parsed past some row ends there with
    /// <see cref="LibraryCsvFile.BrokenAtRow"/> set.
    /// </summary>
    LibraryCsvFile Read(Stream content, int maxRows);

    /// <summary>Writes the books in CleanAuth's CSV format, streamed; cells a spreadsheet would read as a formula get a leading <c>'</c>.</summary>
    Task WriteAsync(Stream output, IAsyncEnumerable<LibraryBook> books, CancellationToken cancellationToken);
}

public enum LibraryFileFormat
{
    Goodreads,
    CleanAuth,
}

/// <summary>A file's rows; <see cref="IgnoredColumns"/> are the header's columns CleanAuth does not hold.</summary>
public sealed record LibraryCsvFile(LibraryFileFormat Format, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<LibraryCsvRow> Rows, int? BrokenAtRow);

/// <summary>
/// One book row as read: <see cref="Row"/> counts as a spreadsheet does (the header is row 1). <see cref="Shelves"/> are
/// Goodreads' bookshelves (then <see cref="Category"/> is null); CleanAuth's own file has its category instead.
/// </summary>
public sealed record LibraryCsvRow(int Row, string Title, string Author, string Description, string? Category, IReadOnlyList<string> Shelves);
