using System.IO.Pipelines;
using System.Text.Json;

namespace CleanAuth.Application.Books.Common;

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
        // Through a pipe: the serializer's own flush only hands bytes to it, and only FlushAsync writes to the
        // stream, so nothing writes synchronously (which ASP.NET Core refuses on a response body).
        var pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(leaveOpen: true));
        await using (var writer = new Utf8JsonWriter(pipe))
        {
            writer.WriteStartArray();
            var written = 0;
            await foreach (var book in books.WithCancellation(cancellationToken))
            {
                JsonSerializer.Serialize(writer, book, Options);
                // Stryker disable once Update: equivalent, --written reaches -256, -512 ... at the same books (-256 % 256 == 0).
                if (++written % FlushEvery == 0)
                {
                    // Serialize has already flushed the writer into the pipe; this writes the pipe to the stream.
                    await pipe.FlushAsync(cancellationToken);
                }
            }

            writer.WriteEndArray(); // disposing the writer flushes it into the pipe; completing the pipe writes the rest
        }

        await pipe.CompleteAsync();
    }

    /// <summary>Reads the format back, one book at a time (import, and tests of the account export).</summary>
    public static IAsyncEnumerable<LibraryBook?> ReadAsync(Stream input, CancellationToken cancellationToken) =>
        JsonSerializer.DeserializeAsyncEnumerable<LibraryBook>(input, Options, cancellationToken);
}
