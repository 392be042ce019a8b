using System.Text.Json;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Application.Accounts.ExportAccount;

/// <summary>
/// The export's JSON entries: camelCase, instants as ISO 8601. A list is written item by item and flushed page by page
/// (asynchronously: the archive's streams take no synchronous writes), so no entry is ever held whole in memory.
/// </summary>
public static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteObjectAsync<T>(this IExportArchive archive, string name, T value, CancellationToken cancellationToken) =>
        archive.AddAsync(name, (stream, ct) => JsonSerializer.SerializeAsync(stream, value, Options, ct), cancellationToken);

    /// <summary>A JSON array of every item of every page <paramref name="pages"/> yields.</summary>
    public static Task WriteArrayAsync<T>(this IExportArchive archive, string name, IAsyncEnumerable<IReadOnlyList<T>> pages, CancellationToken cancellationToken) =>
        archive.AddAsync(name, async (stream, ct) =>
        {
            await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            writer.WriteStartArray();
            await foreach (var page in pages.WithCancellation(ct))
            {
                foreach (var item in page)
                {
                    JsonSerializer.Serialize(writer, item, Options);
                }

                await writer.FlushAsync(ct);
            }

            writer.WriteEndArray(); // Flushed, asynchronously, when the writer is disposed.
        }, cancellationToken);

    public static async IAsyncEnumerable<IReadOnlyList<T>> Once<T>(Task<IReadOnlyList<T>> list)
    {
        yield return await list;
    }
}
