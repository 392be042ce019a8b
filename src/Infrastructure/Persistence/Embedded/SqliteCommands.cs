using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>Parameterised statements in one line each; values are always bound, never spliced into the SQL.</summary>
internal static class SqliteCommands
{
    public static int Execute(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Run(connection, sql, parameters, static command => command.ExecuteNonQuery());

    public static T? Scalar<T>(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters) =>
        Run(connection, sql, parameters, static command =>
            command.ExecuteScalar() is { } value and not DBNull ? (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture) : default);

    public static List<T> Query<T>(
        this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        Run(connection, sql, parameters, command =>
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        });

    public static T? QuerySingle<T>(
        this SqliteConnection connection, string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters)
        where T : class => connection.Query(sql, map, parameters).SingleOrDefault();

    /// <summary>Runs an insert; false when a primary key or unique constraint refused the row (the store's duplicate check).</summary>
    public static bool TryInsert(this SqliteConnection connection, Action<SqliteConnection> insert)
    {
        try
        {
            insert(connection);
            return true;
        }
        catch (SqliteException ex) when (SqliteErrors.IsDuplicate(ex))
        {
            return false;
        }
    }

    // On the store's own connections the statement is prepared once per connection (StoreConnection); elsewhere
    // (a test's) a command lives for one call.
    private static TResult Run<TResult>(
        SqliteConnection connection, string sql, (string Name, object? Value)[] parameters, Func<SqliteCommand, TResult> execute)
    {
        if (connection is not StoreConnection store)
        {
            using var single = connection.CreateCommand();
            single.CommandText = sql;
            Bind(single, parameters);
            return execute(single);
        }

        var command = store.Rent(sql);
        var succeeded = false;
        try
        {
            Bind(command, parameters);
            var result = execute(command);
            succeeded = true;
            return result;
        }
        finally
        {
            store.Return(command, succeeded);
        }
    }

    private static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    /// <summary>Instants are kept as UTC ticks (ordered as numbers), to the millisecond as MongoDB keeps them.</summary>
    public static long Ticks(DateTimeOffset value) => StoredTime.ToMilliseconds(value).UtcTicks;

    public static long? Ticks(DateTimeOffset? value) => value is { } at ? Ticks(at) : null;

    public static DateTimeOffset Instant(this SqliteDataReader reader, string column) => reader.Instant(reader.GetOrdinal(column));

    public static DateTimeOffset Instant(this SqliteDataReader reader, int ordinal) => new(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static DateTimeOffset? OptionalInstant(this SqliteDataReader reader, string column) => reader.OptionalInstant(reader.GetOrdinal(column));

    public static DateTimeOffset? OptionalInstant(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTimeOffset(reader.GetInt64(ordinal), TimeSpan.Zero);

    public static string Text(this SqliteDataReader reader, string column) => reader.GetString(reader.GetOrdinal(column));

    public static string? OptionalText(this SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    public static long Integer(this SqliteDataReader reader, string column) => reader.GetInt64(reader.GetOrdinal(column));
}
