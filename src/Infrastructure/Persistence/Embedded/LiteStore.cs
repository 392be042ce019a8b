using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Persistence.Documents;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

/// <summary>
/// The embedded store: one LiteDB file in the data folder, opened once per process. It serves one
/// API instance; running several instances is what the MongoDB store is for.
/// </summary>
/// <remarks>
/// After a read or write of the file fails, LiteDB closes its engine for good and answers every later call with
/// the same error. So the store drops a database that failed and opens the file again on the next call: once the
/// disk is back, requests succeed again without restarting the process.
/// </remarks>
public sealed class LiteStore : IDisposable
{
    public const string FileName = "cleanauth.db";
    public const string LogFileName = "cleanauth-log.db";

    /// <summary>
    /// How long an operation waits for a collection lock (LiteDB's default is a minute). Operations here take
    /// milliseconds, so a longer wait means the lock will not come: typically it was held by a transaction whose
    /// engine died of an I/O error. The request then gets a 503 after this wait instead of a 500 after a minute.
    /// </summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);

    // LiteDB is thread-safe per operation; this makes a read-compare-write (an optimistic update) one step.
    private readonly Lock _writeGate = new();
    private readonly Lock _openGate = new();
    private readonly Func<LiteDatabase> _open;
    private volatile Opened? _opened;

    // While WriteAll runs on a thread, every collection that thread touches comes from the database its
    // transaction began on, even if another request drops that database and opens a new one meanwhile.
    private readonly ThreadLocal<Opened?> _pinned = new();
    private bool _disposed;

    public LiteStore(string dataPath)
        : this(dataPath, openFile: null)
    {
    }

    /// <param name="dataPath">The data folder.</param>
    /// <param name="openFile">
    /// Opens the data file and LiteDB's write-ahead log file (given their paths) as streams, instead of letting
    /// LiteDB open them by name. Tests use it to put a stream between LiteDB and the disk that can fail like a
    /// disk does; null in production.
    /// </param>
    public LiteStore(string dataPath, Func<string, Stream>? openFile)
    {
        Directory.CreateDirectory(dataPath);
        var file = Path.Combine(dataPath, FileName);
        _open = openFile is null
            ? () => new LiteDatabase(new ConnectionString { Filename = file, Connection = ConnectionType.Direct })
            : () => OpenStreams(openFile(file), () => openFile(Path.Combine(dataPath, LogFileName)));
        _opened = new Opened(_open());
    }

    public LiteDatabase Database => Current.Database;

    public ILiteCollection<UserDocument> Users => Current.Users;

    public ILiteCollection<BookDocument> Books => Current.Books;

    public ILiteCollection<AuthorDocument> Authors => Current.Authors;

    public ILiteStorage<string> Covers => Current.Covers;

    public ILiteCollection<LiteRefreshTokenDocument> RefreshTokens => Current.RefreshTokens;

    public ILiteCollection<LiteLibrarySizeDocument> LibrarySizes => Current.LibrarySizes;

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
        var opened = Current;
        var database = opened.Database;
        _pinned.Value = opened;
        try
        {
            database.BeginTrans();
            bool done;
            try
            {
                done = operation();
            }
            catch
            {
                database.Rollback();
                throw;
            }

            if (done)
            {
                database.Commit();
            }
            else
            {
                database.Rollback();
            }

            return done;
        }
        finally
        {
            // Cleared whatever failed (BeginTrans included): pool threads are reused by other requests.
            _pinned.Value = null;
        }
    });

    public T Write<T>(Func<T> operation)
    {
        lock (_writeGate)
        {
            return Guard(operation);
        }
    }

    /// <summary>
    /// Turns "the file cannot be read or written" into the Application's 503 signal, and drops the database that
    /// failed so that the next call opens the file again.
    /// </summary>
    public T Guard<T>(Func<T> operation)
    {
        Opened? opened = null;
        try
        {
            opened = Current;
            return operation();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException
            || ex is LiteException { ErrorCode: LiteException.ENGINE_DISPOSED or LiteException.DATABASE_SHUTDOWN })
        {
            Drop(opened);
            throw new StorageUnavailableException("The embedded store cannot be reached.", ex);
        }
        catch (Exception ex) when (ex is LiteException or ObjectDisposedException && opened is { Dropped: true })
        {
            // The database this ran on was dropped (and disposed) meanwhile because another call met an I/O error.
            throw new StorageUnavailableException("The embedded store cannot be reached.", ex);
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.LOCK_TIMEOUT)
        {
            // A lock held by a transaction that died with its engine is never released; the request waited
            // LockTimeout for it. Contention that long is an unavailable store too, not a fault of the request.
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

    public void Dispose()
    {
        lock (_openGate)
        {
            _disposed = true;
            _opened?.Database.Dispose();
            _opened = null;
        }

        _pinned.Dispose();
    }

    // Opened again under a lock so that concurrent requests after an outage share one new database. If the file
    // still cannot be opened, the IOException reaches Guard and the request gets a 503.
    private Opened Current
    {
        get
        {
            if ((_pinned.Value ?? _opened) is { } opened)
            {
                return opened;
            }

            lock (_openGate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                return _opened ??= new Opened(_open());
            }
        }
    }

    // Only the database that failed is dropped: a request that failed on an old one must not close the one that
    // another request has just opened.
    private void Drop(Opened? failed)
    {
        if (failed is null || Interlocked.CompareExchange(ref _opened, null, failed) != failed)
        {
            return;
        }

        failed.Dropped = true;
        try
        {
            failed.Database.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteException or ObjectDisposedException)
        {
            // LiteDB has usually closed the engine already; what is left to release may fail the same way.
        }
    }

    private static LiteDatabase OpenStreams(Stream data, Func<Stream> openLog)
    {
        try
        {
            return new LiteDatabase(data, mapper: null, logStream: openLog());
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>One open database and its collections, with their indexes ensured.</summary>
    private sealed class Opened
    {
        public Opened(LiteDatabase database)
        {
            try
            {
                database.UtcDate = true;
                database.Timeout = LockTimeout;
                Users = database.GetCollection<UserDocument>("users");
                Users.EnsureIndex(u => u.NormalizedEmail, unique: true);

                Books = database.GetCollection<BookDocument>("books");
                Books.EnsureIndex(b => b.OwnerTitle, unique: true);
                Books.EnsureIndex(b => b.OwnerId);
                Books.EnsureIndex(b => b.AuthorId);
                Books.EnsureIndex(b => b.OwnerRecency);
                LibrarySizes = database.GetCollection<LiteLibrarySizeDocument>("librarySizes");
                AddMissingRecencyKeys();
                CountLibrariesOnce();

                Authors = database.GetCollection<AuthorDocument>("authors");
                Authors.EnsureIndex(a => a.OwnerId);

                Covers = database.GetStorage<string>("covers", "cover_chunks");
                RefreshTokens = database.GetCollection<LiteRefreshTokenDocument>("refreshTokens");
                RefreshTokens.EnsureIndex(t => t.TokenHash, unique: true);
                RefreshTokens.EnsureIndex(t => t.FamilyId);
                RefreshTokens.EnsureIndex(t => t.UserId);
                Database = database;
            }
            catch
            {
                database.Dispose();
                throw;
            }
        }

        public LiteDatabase Database { get; }

        public ILiteCollection<UserDocument> Users { get; }

        public ILiteCollection<BookDocument> Books { get; }

        public ILiteCollection<AuthorDocument> Authors { get; }

        public ILiteStorage<string> Covers { get; }

        public ILiteCollection<LiteRefreshTokenDocument> RefreshTokens { get; }

        public ILiteCollection<LiteLibrarySizeDocument> LibrarySizes { get; }

        /// <summary>Set when an I/O error made the store drop (and dispose) this database.</summary>
        public volatile bool Dropped;

        // Books stored before the owner-recency index existed get their key once, so newest-first lists find them.
        private void AddMissingRecencyKeys()
        {
            // Two index lookups, not an OR (which LiteDB answers by scanning): this runs on every (re)open.
            var missing = Books.Find(Query.EQ(nameof(BookDocument.OwnerRecency), BsonValue.Null))
                .Concat(Books.Find(Query.EQ(nameof(BookDocument.OwnerRecency), "")))
                .ToList();
            foreach (var book in missing)
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
    }
}
