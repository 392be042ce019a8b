using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Persistence.Documents;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The embedded store: one LiteDB file in the data folder, opened once per process. It serves one
/// API instance; running several instances is what the MongoDB store is for.
/// </summary>
public sealed class LiteStore : IDisposable
{
    public const string FileName = "cleanauth.db";

    // LiteDB is thread-safe per operation; this makes a read-compare-write (an optimistic update) one step.
    private readonly Lock _writeGate = new();

    public LiteStore(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        Database = new LiteDatabase(new ConnectionString
        {
            Filename = Path.Combine(dataPath, FileName),
            Connection = ConnectionType.Direct,
        });
        Database.UtcDate = true;
        Users = Database.GetCollection<UserDocument>("users");
        Users.EnsureIndex(u => u.NormalizedEmail, unique: true);

        Books = Database.GetCollection<BookDocument>("books");
        Books.EnsureIndex(b => b.OwnerTitle, unique: true);
        Books.EnsureIndex(b => b.OwnerId);
        Books.EnsureIndex(b => b.AuthorId);

        Authors = Database.GetCollection<AuthorDocument>("authors");
        Authors.EnsureIndex(a => a.OwnerId);

        Covers = Database.GetStorage<string>("covers", "cover_chunks");
        RefreshTokens = Database.GetCollection<LiteRefreshTokenDocument>("refreshTokens");
        RefreshTokens.EnsureIndex(t => t.TokenHash, unique: true);
        RefreshTokens.EnsureIndex(t => t.FamilyId);
        RefreshTokens.EnsureIndex(t => t.UserId);
    }

    public LiteDatabase Database { get; }

    public ILiteCollection<UserDocument> Users { get; }

    public ILiteCollection<BookDocument> Books { get; }

    public ILiteCollection<AuthorDocument> Authors { get; }

    public ILiteStorage<string> Covers { get; }
    public ILiteCollection<LiteRefreshTokenDocument> RefreshTokens { get; }

    public T Write<T>(Func<T> operation)
    {
        lock (_writeGate)
        {
            return Guard(operation);
        }
    }

    /// <summary>Turns "the file cannot be read or written" into the Application's 503 signal.</summary>
    public static T Guard<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageUnavailableException("The embedded store cannot be reached.", ex);
        }
    }

    public static bool TryParseId(string id, out ObjectId objectId)
    {
        objectId = ObjectId.Empty;
        if (id.Length != 24 || !id.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        objectId = new ObjectId(id);
        return true;
    }

    public void Dispose() => Database.Dispose();
}
