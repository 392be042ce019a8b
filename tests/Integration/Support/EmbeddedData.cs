using Microsoft.Data.Sqlite;

namespace CleanAuth.Tests.Integration.Support;

/// <summary>Reads the embedded store's SQLite file directly, as an operator with the sqlite3 shell would.</summary>
public static class EmbeddedData
{
    public static List<Dictionary<string, object?>> Rows(string dataPath, string sql)
    {
        var file = Path.Combine(dataPath, CleanAuth.Infrastructure.Persistence.Embedded.SqliteStore.FileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<Dictionary<string, object?>>();
        while (reader.Read())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }

        return rows;
    }

    public static List<string> Strings(string dataPath, string sql) => [.. Rows(dataPath, sql).Select(r => string.Join(" ", r.Values))];
}
