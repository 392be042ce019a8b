using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using LiteDB;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// Upgrades a data folder written by CleanAuth's LiteDB store (before 2026-11-25): reads the LiteDB file once,
/// writes everything into a new SQLite file in one transaction, and keeps the old file beside it renamed as a
/// backup. This is the only code that still uses LiteDB; it can go once no such data folder is left.
/// </summary>
internal static partial class LiteDbImport
{
    public const string LiteFileName = "cleanauth.db";
    public const string BackupFileName = "cleanauth.litedb-backup.db";

    public static void ImportIfPresent(string dataPath, string sqlitePath, ILogger logger)
    {
        var liteFile = Path.Combine(dataPath, LiteFileName);
        if (!File.Exists(liteFile))
        {
            return;
        }

        if (File.Exists(sqlitePath))
        {
            // Imported before, and stopped before the old file was moved aside: finish that step only.
            TryMoveAside(liteFile, dataPath, logger);
            return;
        }

        // Written under another name and renamed when complete, so a crash midway leaves no half-imported store.
        var staging = sqlitePath + ".importing";
        File.Delete(staging);
        OwnerOnlyFile.Ensure(staging);
        var counts = Copy(liteFile, staging);
        File.Move(staging, sqlitePath);
        var backup = TryMoveAside(liteFile, dataPath, logger) ?? LiteFileName;
        LogImported(logger, counts.Users, counts.Books, counts.Authors, counts.Covers, counts.RefreshTokens, backup);
    }

    // The import is complete once the new file is in place: an old file that cannot be moved is left where it is
    // (and moved at a later start) rather than keeping a healthy store unavailable.
    private static string? TryMoveAside(string liteFile, string dataPath, ILogger logger)
    {
        try
        {
            return MoveAside(liteFile, dataPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogNotMoved(logger, LiteFileName, ex);
            return null;
        }
    }

    // Never over an earlier backup: a second old file (restored by hand, say) gets a name of its own.
    private static string MoveAside(string liteFile, string dataPath)
    {
        var backup = Path.Combine(dataPath, BackupFileName);
        if (File.Exists(backup))
        {
            backup = Path.Combine(dataPath, $"cleanauth.litedb-backup-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid():N}.db");
        }

        File.Move(liteFile, backup);
        return Path.GetFileName(backup);
    }

    private static Counts Copy(string liteFile, string sqliteFile)
    {
        using var lite = new LiteDatabase(new LiteDB.ConnectionString { Filename = liteFile, Connection = ConnectionType.Direct });
        lite.UtcDate = true;
        var books = lite.GetCollection("books").FindAll().Select(ToBook).ToList();
        var coverTypes = books.SelectMany(b => new[] { b.Cover.Original, b.Cover.Thumbnail }).ToDictionary(i => i.FileId, i => i.ContentType);

        // Not pooled: the file is renamed as soon as this connection closes.
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqliteFile, Pooling = false }.ToString());
        connection.Open();
        SqliteSchema.Ensure(connection);
        using var transaction = connection.BeginTransaction(deferred: false);
        var counts = new Counts(
            Users: Each(lite.GetCollection("users").FindAll(), d => SqliteUserRepository.Insert(connection, ToUser(d))),
            Books: Each(books, b => SqliteBookRepository.Insert(connection, b)),
            Authors: Each(lite.GetCollection("authors").FindAll(), d => SqliteAuthorRepository.Insert(connection, ToAuthor(d))),
            Covers: Each(lite.GetStorage<string>("covers", "cover_chunks").FindAll(), file =>
            {
                using var content = new MemoryStream();
                file.CopyTo(content);
                SqliteCoverStore.Insert(connection, file.Id, coverTypes.GetValueOrDefault(file.Id, "application/octet-stream"), content.GetBuffer().AsMemory(0, (int)content.Length));
            }),
            RefreshTokens: Each(lite.GetCollection("refreshTokens").FindAll(), d => SqliteRefreshTokenStore.Insert(connection, ToToken(d))));
        // The schema counted the books naming each author before there were any; the imported tokens stay without a
        // family row: those sessions end, their tokens refused like unknown ones (ADR 0032).
        connection.Execute(SqliteSchema.RecountAuthorReferences);
        transaction.Commit();
        // Everything into the main file before it is renamed: a log left beside the old name would not follow it.
        connection.Execute("PRAGMA wal_checkpoint(TRUNCATE);");
        return counts;
    }

    private static int Each<T>(IEnumerable<T> items, Action<T> write)
    {
        var count = 0;
        foreach (var item in items)
        {
            write(item);
            count++;
        }

        return count;
    }

    // Field names are the document classes' property names, as LiteDB's mapper wrote them.
    private static User ToUser(BsonDocument d) => new(
        UserId.From(IdText(d["_id"].AsString)), Text(d["Name"]), Text(d["Email"]), Text(d["PasswordHash"]), Text(d["SecurityStamp"]),
        d["Roles"].AsArray.Select(r => r.AsString), d["Disabled"].AsBoolean, Instant(d["CreatedAt"]), Instant(d["UpdatedAt"]),
        Integer(d["Version"]), OptionalInstant(d["LastLoginAt"]), (int)Integer(d["FailedLoginCount"]), OptionalInstant(d["LockoutEnd"]));

    private static Book ToBook(BsonDocument d) => new(
        BookId.From(IdText(d["_id"].AsString)), UserId.From(IdText(Text(d["OwnerId"]))), Text(d["Title"]), Text(d["Description"]), Text(d["Category"]),
        OptionalText(d["AuthorId"]) is { } authorId ? AuthorId.From(IdText(authorId)) : null,
        new Cover(ToImage(d["Cover"]["Original"]), ToImage(d["Cover"]["Thumbnail"]), (int)Integer(d["Cover"]["Width"]), (int)Integer(d["Cover"]["Height"])),
        Instant(d["CreatedAt"]), Instant(d["UpdatedAt"]), Integer(d["Version"]));

    private static StoredImage ToImage(BsonValue d) =>
        new(Text(d["FileId"]), Text(d["ContentType"]), Text(d["ETag"]), Integer(d["Length"]));

    private static Author ToAuthor(BsonDocument d) => new(
        AuthorId.From(IdText(d["_id"].AsString)), UserId.From(IdText(Text(d["OwnerId"]))), Text(d["Name"]), Text(d["Country"]), d["BookerPrize"].AsBoolean, Instant(d["CreatedAt"]));

    private static StoredRefreshToken ToToken(BsonDocument d) => new(
        d["_id"].AsObjectId.ToString(), Text(d["TokenHash"]), UserId.From(IdText(Text(d["UserId"]))), Text(d["FamilyId"]), Text(d["SecurityStamp"]),
        Instant(d["CreatedAt"]), Instant(d["ExpiresAt"]), Instant(d["FamilyExpiresAt"]), OptionalInstant(d["SpentAt"]), OptionalInstant(d["RevokedAt"]));

    // Ids are kept in ObjectId's canonical lower-case form, as MongoDB keeps them.
    private static string IdText(string value) => ObjectIdText.Canonical(value) ?? value;

    // LiteDB's mapper leaves out empty strings and writes null for them.
    private static string Text(BsonValue value) => value.IsNull ? "" : value.AsString;

    private static string? OptionalText(BsonValue value) => value.IsNull ? null : value.AsString;

    private static long Integer(BsonValue value) => Convert.ToInt64(value.RawValue, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Instant(BsonValue value) => new(DateTime.SpecifyKind(value.AsDateTime, DateTimeKind.Utc));

    private static DateTimeOffset? OptionalInstant(BsonValue value) => value.IsNull ? null : Instant(value);

    private sealed record Counts(int Users, int Books, int Authors, int Covers, int RefreshTokens);

    [LoggerMessage(EventId = 2300, EventName = "EmbeddedStoreImported", Level = LogLevel.Warning,
        Message = "The LiteDB data file was imported into the SQLite store ({Users} users, {Books} books, {Authors} authors, {Covers} cover files, {RefreshTokens} refresh tokens); the old file is kept beside it as {Backup}")]
    private static partial void LogImported(ILogger logger, int users, int books, int authors, int covers, int refreshTokens, string backup);

    [LoggerMessage(EventId = 2302, EventName = "EmbeddedStoreBackupNotMoved", Level = LogLevel.Warning,
        Message = "The imported LiteDB file {File} could not be moved aside; it is left in place and moved at a later start")]
    private static partial void LogNotMoved(ILogger logger, string file, Exception exception);
}
