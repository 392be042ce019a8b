using Microsoft.Data.Sqlite;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// How many books each owner has, kept by triggers in the same statement as the book they count: counting a
/// library through an index costs time in proportion to its size, and every list page reports it.
/// </summary>
internal static class SqliteLibrarySizes
{
    /// <summary>Part of the schema's first step; the triggers follow every insert and delete on <c>books</c>.</summary>
    public const string Schema = """
        CREATE TABLE library_sizes (OwnerId TEXT PRIMARY KEY, Books INTEGER NOT NULL) STRICT, WITHOUT ROWID;

        """ + Triggers;

    /// <summary>The counting triggers: made again by step 7, whose rebuild of <c>books</c> drops them.</summary>
    public const string Triggers = """
        CREATE TRIGGER books_counted AFTER INSERT ON books BEGIN
            INSERT INTO library_sizes (OwnerId, Books) VALUES (NEW.OwnerId, 1)
            ON CONFLICT (OwnerId) DO UPDATE SET Books = Books + 1;
        END;
        CREATE TRIGGER books_uncounted AFTER DELETE ON books BEGIN
            UPDATE library_sizes SET Books = Books - 1 WHERE OwnerId = OLD.OwnerId;
        END;
        """;

    /// <summary>The owner's number of books (0 for an owner who never had one).</summary>
    public static long Of(SqliteConnection connection, string ownerId) =>
        connection.Scalar<long>("SELECT Books FROM library_sizes WHERE OwnerId = @owner", ("@owner", ownerId));
}
