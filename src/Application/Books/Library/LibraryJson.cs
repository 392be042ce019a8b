using System.Text.Json;

namespace CleanAuth.Application.Books.Library;

/// <summary>
/// Writes a library as CleanAuth's JSON format: one array of <see cref="LibraryBook"/> objects with camelCase names
/// (<c>{"title", "description", "category", "author", "createdAt", "updatedAt"}</c>), the same bytes for
/// <c>GET /api/books/export?format=json</c> and the account export's <c>books.json</c>. Streamed: the books are
/// written as they come and flushed every <see cref="FlushEvery"/>, so memory does not grow with the library.
/// </summary>
public static class LibraryJson
{
    public const string ContentType = "application/json";

    private const int FlushEvery = 256;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    public static async Task WriteAsync(Stream output, IAsyncEnumerable<LibraryBook> books, CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(output);
        writer.WriteStartArray();
        var written = 0;
        await foreach (var book in books.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, book, Options);
            if (++written % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Reads the format back, one book at a time (import, and tests of the account export).</summary>
    public static IAsyncEnumerable<LibraryBook?> ReadAsync(Stream input, CancellationToken cancellationToken) =>
        JsonSerializer.DeserializeAsyncEnumerable<LibraryBook>(input, Options, cancellationToken);
}
