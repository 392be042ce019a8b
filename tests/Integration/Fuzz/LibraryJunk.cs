using System.Text;
using CsCheck;

namespace CleanAuth.Tests.Integration.Fuzz;

/// <summary>
/// Malformed library imports: every one is refused before a row is stored. Where the damage is outside the file
/// (a repeated or invalid field, the framing, the content type), the file itself is a good Goodreads export with
/// a title nobody has, so an import that got through would leave a book the model does not have.
/// </summary>
public static class LibraryJunk
{
    private const string GoodreadsHeader = "Book Id,Title,Author,Author l-f,Additional Authors,ISBN,ISBN13,My Rating,Bookshelves,Exclusive Shelf,My Review";

    /// <summary>A Goodreads export of one row that would import (its shelf names a category).</summary>
    private static byte[] GoodCsv(FuzzModel m) =>
        Encoding.UTF8.GetBytes($"{GoodreadsHeader}\r\n1,\"Imported, {m.Next()}\",Junk Author,\"Author, Junk\",,\"=\"\"0000\"\"\",,5,science,read,a review\r\n");

    private static Part File(byte[] bytes, string? contentType = "text/csv", string fileName = "goodreads_library_export.csv") =>
        new("file", bytes, fileName, contentType);

    private static FuzzRequest Send(FuzzModel m, HttpContent body) =>
        FuzzRequest.To(FuzzRoutes.ImportBooks, null, body, m.Owner.Session!.AccessToken);

    public static readonly Gen<FuzzCase> Import = Gen.Select(Gen.Int[0, 13], Gen.Int[0, 1000], Junk.ControlChar, Junk.InvalidUtf8,
        (kind, position, control, badBytes) => new FuzzCase(CategoryOf(kind), Expected.ClientError, m => Send(m, kind switch
        {
            // No file: only the default category, no parts at all, or a text field where the file belongs.
            0 => Bodies.Multipart([Part.Text("defaultCategory", "science")]),
            1 => Bodies.Multipart([]),
            2 => Bodies.Multipart([Part.Text("file", Encoding.UTF8.GetString(GoodCsv(m)))]),
            // Two files, or two default categories.
            3 => Bodies.Multipart([File(GoodCsv(m)), File(GoodCsv(m), fileName: "second.csv")]),
            4 => Bodies.Multipart([File(GoodCsv(m)), Part.Text("defaultCategory", "science"), Part.Text("defaultCategory", "poetry")]),
            // A file that is not a library: empty, an image, another CSV, or one whose header cannot be read.
            5 => Bodies.Multipart([File([])]),
            6 => Bodies.Multipart([File(RouteJunk.Cover, "image/jpeg", "cover.jpg")]),
            7 => Bodies.Multipart([File("Name,Year\r\nDune,1965\r\n"u8.ToArray())]),
            8 => Bodies.Multipart([File((position % 4) switch
            {
                0 => [0xEF, 0xBB, 0xBF],
                1 => "\r\n\r\n"u8.ToArray(),
                2 => Encoding.UTF8.GetBytes("\"Book Id,Title\r\n1,Never closed"),
                _ => Encoding.UTF8.GetBytes(new string(',', 1 + position)),
            })]),
            // A header whose bytes are not UTF-8 (so it names no Title), or a default category that is not.
            9 => position % 2 == 0
                ? Bodies.Multipart([File([.. "Book Id,Ti"u8, .. badBytes, .. "tle\r\n1,Broken header,,,,,,,science,read,\r\n"u8])])
                : Bodies.Multipart([File(GoodCsv(m)), new Part("defaultCategory", [.. "scien"u8, .. badBytes, .. "ce"u8])]),
            10 => (position % 4) switch
            {
                0 => Bodies.Multipart([File(GoodCsv(m))], "multipart/form-data"),
                1 => Bodies.Multipart([File(GoodCsv(m))], "multipart/form-data; boundary=another-boundary"),
                2 => Bodies.Multipart([File(GoodCsv(m))], closed: false),
                _ => Bodies.Raw("--fuzz-boundary\r\nno headers, no end"u8.ToArray(), "multipart/form-data; boundary=fuzz-boundary"),
            },
            // The CSV as the whole body (under several content types), or a urlencoded form, which has no files.
            11 => (position % 5) switch
            {
                0 => Bodies.Raw(GoodCsv(m), "text/csv"),
                1 => Bodies.Raw(GoodCsv(m), "application/json"),
                2 => Bodies.Raw(GoodCsv(m), null),
                3 => Bodies.Raw(GoodCsv(m), "application/octet-stream"),
                _ => Bodies.UrlEncoded(("file", Encoding.UTF8.GetString(GoodCsv(m))), ("defaultCategory", "science")),
            },
            12 => Bodies.Multipart([File(GoodCsv(m)), Part.Text("defaultCategory", (position % 5) switch
            {
                0 => "science fiction",
                1 => "{\"$gt\":\"\"}",
                2 => Junk.WithControl("science", control, 1 + (position % 6)), // inside: surrounding whitespace is trimmed, as for a book's category
                3 => new string('c', 100 * 1024 + position),
                _ => "nope",
            })]),
            // Past the limits: a file over 5 MB (one review that long), or over 10,000 rows.
            _ => Bodies.Multipart([File(position % 2 == 0
                ? Encoding.UTF8.GetBytes($"{GoodreadsHeader}\r\n1,Too big {m.Next()},,,,,,,science,read,{new string('r', 5 * 1024 * 1024)}\r\n")
                : TooManyRows(m.Next()))]),
        })));

    private static byte[] TooManyRows(int run) => Encoding.UTF8.GetBytes(
        GoodreadsHeader + "\r\n" + string.Concat(Enumerable.Range(0, 10_001).Select(i => $"{i},Row {i} of {run},,,,,,,science,read,\r\n")));

    private static string CategoryOf(int kind) => kind switch
    {
        <= 2 => Categories.MissingPart,
        <= 4 => Categories.DuplicatedPart,
        <= 8 => Categories.WrongPartContent,
        9 => Categories.InvalidUtf8,
        10 => Categories.NoBoundary,
        11 => Categories.WrongContentType,
        12 => Categories.InvalidField,
        _ => Categories.OversizedFile,
    };
}
