using System.Text.RegularExpressions;
using CleanAuth.Infrastructure.Persistence.Mongo;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>One stored row or document, as the text of its values (ObjectIds as their 24 hex digits).</summary>
public sealed record StoredRow(string Table, IReadOnlyList<string> Values)
{
    public override string ToString() => $"{Table}: {string.Join(", ", Values.Take(8))}";
}

/// <summary>
/// Every row of every table (SQLite's <c>sqlite_master</c>) or document of every collection (MongoDB's
/// <c>listCollections</c>), read from the schema rather than from a list of ours: a table added later is read too.
/// </summary>
public static partial class StoreScan
{
    public static async Task<IReadOnlyList<StoredRow>> AllRowsAsync(CleanAuthApi api) => api.StoreName == "mongo"
        ? await MongoRowsAsync(api.Services.GetRequiredService<MongoStore>().Database)
        : EmbeddedRows(api.DataPath);

    public static IReadOnlyList<StoredRow> EmbeddedRows(string dataPath) =>
    [
        .. EmbeddedData.Strings(dataPath, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .SelectMany(table => EmbeddedData.Rows(dataPath, $"SELECT * FROM \"{table}\"")
                .Select(row => new StoredRow(table, [.. row.Values.OfType<string>()]))),
    ];

    public static async Task<IReadOnlyList<StoredRow>> MongoRowsAsync(IMongoDatabase database)
    {
        var rows = new List<StoredRow>();
        foreach (var collection in await (await database.ListCollectionNamesAsync()).ToListAsync())
        {
            foreach (var document in await database.GetCollection<BsonDocument>(collection).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync())
            {
                rows.Add(new StoredRow(collection, [.. Flatten(document)]));
            }
        }

        return rows;
    }

    /// <summary>
    /// Every value that belongs to the account: its id and address, then every id found in a row holding one of
    /// those, until nothing new is found (a book's cover file id, the chunks of that file, a session's family id).
    /// </summary>
    public static HashSet<string> OwnedValues(IReadOnlyList<StoredRow> rows, string userId, string email)
    {
        var owned = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { userId, email };
        bool grew;
        do
        {
            grew = false;
            foreach (var row in rows.Where(r => r.Values.Any(owned.Contains)))
            {
                foreach (var id in row.Values.Where(v => ObjectId().IsMatch(v)))
                {
                    grew |= owned.Add(id);
                }
            }
        }
        while (grew);

        return owned;
    }

    private static IEnumerable<string> Flatten(BsonValue value) => value switch
    {
        BsonDocument document => document.Values.SelectMany(Flatten),
        BsonArray array => array.SelectMany(Flatten),
        BsonObjectId id => [id.Value.ToString()],
        BsonString text => [text.Value],
        _ => [],
    };

    [GeneratedRegex("^[0-9a-fA-F]{24}$")]
    private static partial Regex ObjectId();
}
