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
        Books.EnsureIndex(b => b.OwnerRecency);
        LibrarySizes = Database.GetCollection<LiteLibrarySizeDocument>("librarySizes");
        AddMissingRecencyKeys();
        CountLibrariesOnce();

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

    public ILiteCollection<LiteLibrarySizeDocument> LibrarySizes { get; }

    public ILiteStorage<string> Covers { get; }
    public ILiteCollection<LiteRefreshTokenDocument> RefreshTokens { get; }

    // Books stored before the owner-recency index existed get their key once, so newest-first lists still find them.
    private void AddMissingRecencyKeys()
    {
        foreach (var book in Books.Find(Query.Or(Query.EQ(nameof(BookDocument.OwnerRecency), BsonValue.Null), Query.EQ(nameof(BookDocument.OwnerRecency), ""))))
        {
            book.OwnerRecency = BookDocument.OwnerRecencyKey(book.OwnerId, book.CreatedAt, book.Id);
            Books.Update(book);
        }
    }

    // Stores whose books were written without library sizes (made before they were kept, or bulk-filled by the
    // growth benchmark's seeder) get them counted once, from the books they hold.
    private void CountLibrariesOnce()
    {
        if (LibrarySizes.Query().Exists() || !Books.Query().Exists())
        {
            return;
        }

        var sizes = Books.Query().Select(b => b.OwnerId).ToEnumerable().GroupBy(owner => owner)
            .Select(owner => new LiteLibrarySizeDocument { Id = owner.Key, Books = owner.Count() });
        LibrarySizes.InsertBulk(sizes);
    }

    /// <summary>Adds <paramref name="change"/> to the owner's book count; call it inside <see cref="WriteAll"/>.</summary>
    public void ChangeLibrarySize(string ownerId, int change)
    {
        var size = LibrarySizes.FindById(ownerId) ?? new LiteLibrarySizeDocument { Id = ownerId };
        size.Books += change;
        LibrarySizes.Upsert(size);
    }

    public int LibrarySize(string ownerId) => Guard(() => LibrarySizes.FindById(ownerId)?.Books ?? 0);

    /// <summary>
    /// Runs <paramref name="operation"/> as one transaction: kept when it returns true, undone when it returns
    /// false or throws, so a book and its owner's count never disagree.
    /// </summary>
    public bool WriteAll(Func<bool> operation) => Write(() =>
    {
        Database.BeginTrans();
        try
        {
            var done = operation();
            if (done)
            {
                Database.Commit();
            }
            else
            {
                Database.Rollback();
            }

            return done;
        }
        catch
        {
            Database.Rollback();
            throw;
        }
    });

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
