using System.Globalization;
using System.Text;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;
using nietras.SeparatedValues;

namespace CleanAuth.Infrastructure.Library;

/// <summary>
/// CSV library files with Sep (ADR 0056): RFC 4180 quoting, embedded newlines, a BOM and CRLF are Sep's and the
/// reader's business, not ours. A cell is always text: nothing is evaluated, and a formula-looking cell is written
/// with a leading <c>'</c> (spreadsheet formula injection), which reading CleanAuth's own file takes off again.
/// </summary>
public sealed class SepLibraryCsv : ILibraryCsv
{
    private const int FlushEvery = 256;

    private static readonly string[] GoodreadsColumns = ["Title", "Author", "My Review", "Bookshelves", "Exclusive Shelf"];

    public LibraryCsvFile Read(Stream content, int maxRows)
    {
        using var text = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Open(text);
        var header = reader.Header.ColNames;
        var format = header.Contains("Book Id") && header.Contains("Title") ? LibraryFileFormat.Goodreads
            : LibraryBook.CsvHeader.All(header.Contains) ? LibraryFileFormat.CleanAuth
            : throw ValidationException.ForField("file", "The file is neither a Goodreads export (its header has Book Id, Title, Author, …) nor CleanAuth's export (title, description, category, author, …).");
        var known = format == LibraryFileFormat.Goodreads ? GoodreadsColumns : LibraryBook.CsvHeader;
        var columns = header.Select((name, index) => (name, index)).DistinctBy(c => c.name).ToDictionary(c => c.name, c => c.index, StringComparer.Ordinal);
        var rows = new List<LibraryCsvRow>();
        var row = 1;
        try
        {
            foreach (var record in reader)
            {
                row = record.RowIndex + 1; // The header is row 1, as a spreadsheet shows it.
                rows.Add(format == LibraryFileFormat.Goodreads ? Goodreads(record, columns, row) : Own(record, columns, row));
                if (rows.Count > maxRows)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IndexOutOfRangeException or FormatException)
        {
            return new LibraryCsvFile(format, Ignored(header, known), rows, row + 1);
        }

        return new LibraryCsvFile(format, Ignored(header, known), rows, null);
    }

    // Sep refuses a header that names a column twice (e.g. trailing empty columns) with an ArgumentException: the
    // client's file is wrong, so it is a 400 on the file, not a 500 (found by the fuzzer).
    private static SepReader Open(TextReader text)
    {
        try
        {
            return Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (ArgumentException)
        {
            throw ValidationException.ForField("file", "The file's header names a column more than once (or has several empty column names).");
        }
    }

    public async Task WriteAsync(Stream output, IAsyncEnumerable<LibraryBook> books, CancellationToken cancellationToken)
    {
        var buffer = new StringBuilder();
        await using var body = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(buffer))
        {
            writer.Header.Add(LibraryBook.CsvHeader.ToArray());
            writer.Header.Write();
            var written = 0;
            await foreach (var book in books.WithCancellation(cancellationToken))
            {
                using (var row = writer.NewRow())
                {
                    row["title"].Set(Neutralise(book.Title));
                    row["description"].Set(Neutralise(book.Description));
                    row["category"].Set(book.Category);
                    row["author"].Set(Neutralise(book.Author ?? ""));
                    row["createdAt"].Set(book.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                    row["updatedAt"].Set(book.UpdatedAt.ToString("O", CultureInfo.InvariantCulture));
                }

                if (++written % FlushEvery == 0)
                {
                    await SendAsync(writer, buffer, body, cancellationToken);
                }
            }

            await SendAsync(writer, buffer, body, cancellationToken);
        }

        await body.FlushAsync(cancellationToken);
    }

    /// <summary>A cell a spreadsheet would read as a formula gets a leading <c>'</c> (OWASP's CSV injection advice).</summary>
    public static string Neutralise(string cell) => cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' ? "'" + cell : cell;

    /// <summary>Takes the leading <c>'</c> of <see cref="Neutralise"/> off again.</summary>
    public static string Restore(string cell) => cell.Length > 1 && cell[0] == '\'' && cell[1] is '=' or '+' or '-' or '@' ? cell[1..] : cell;

    // Sep writes rows into the buffer; the buffer goes to the response asynchronously (no synchronous I/O) and is emptied.
    private static async Task SendAsync(SepWriter writer, StringBuilder buffer, StreamWriter body, CancellationToken cancellationToken)
    {
        writer.Flush();
        foreach (var chunk in buffer.GetChunks())
        {
            await body.WriteAsync(chunk, cancellationToken);
        }

        buffer.Clear();
        await body.FlushAsync(cancellationToken);
    }

    private static LibraryCsvRow Goodreads(SepReader.Row record, Dictionary<string, int> columns, int row)
    {
        var shelves = $"{Cell(record, columns, "Bookshelves")},{Cell(record, columns, "Exclusive Shelf")}"
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new LibraryCsvRow(row, Cell(record, columns, "Title"), Cell(record, columns, "Author"), Cell(record, columns, "My Review"), null, shelves);
    }

    private static LibraryCsvRow Own(SepReader.Row record, Dictionary<string, int> columns, int row) => new(
        row, Restore(Cell(record, columns, "title")), Restore(Cell(record, columns, "author")), Restore(Cell(record, columns, "description")), Cell(record, columns, "category"), []);

    // A short row (fewer cells than the header) reads as empty cells.
    private static string Cell(SepReader.Row record, Dictionary<string, int> columns, string column) =>
        columns.TryGetValue(column, out var index) && index < record.ColCount ? record[index].ToString() : "";

    private static IReadOnlyList<string> Ignored(IReadOnlyList<string> header, IReadOnlyList<string> known) =>
        [.. header.Where(h => !known.Contains(h, StringComparer.Ordinal))];
}
