using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Persistence.Documents;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.GridFS;

namespace CleanAuth.Infrastructure.Persistence.Mongo;

/// <summary>The MongoDB database and its collections; one per process, as the driver recommends.</summary>
public sealed class MongoStore
{
    public MongoStore(string connectionString, StorageOptions options)
    {
        var settings = MongoClientSettings.FromConnectionString(connectionString);
        settings.ServerSelectionTimeout = options.MongoServerSelectionTimeout;
        settings.ConnectTimeout = options.MongoServerSelectionTimeout;
        var url = MongoUrl.Create(connectionString);
        Database = new MongoClient(settings).GetDatabase(url.DatabaseName ?? options.MongoDatabase);
        Users = Database.GetCollection<UserDocument>("users");
        Books = Database.GetCollection<BookDocument>("books");
        Authors = Database.GetCollection<AuthorDocument>("authors");
        Covers = new GridFSBucket(Database, new GridFSBucketOptions { BucketName = "covers" });
        RefreshTokens = Database.GetCollection<MongoRefreshTokenDocument>("refreshTokens");
        RefreshFamilies = Database.GetCollection<MongoRefreshFamilyDocument>("refreshFamilies");
        Guards = Database.GetCollection<BsonDocument>("guards");
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<BookDocument> Books { get; }

    public IMongoCollection<AuthorDocument> Authors { get; }

    public GridFSBucket Covers { get; }

    public IMongoCollection<MongoRefreshTokenDocument> RefreshTokens { get; }

    public IMongoCollection<MongoRefreshFamilyDocument> RefreshFamilies { get; }
    /// <summary>Single documents that decide rules spanning many documents (ADR 0031): the count of active administrators.</summary>
    public IMongoCollection<BsonDocument> Guards { get; }

    /// <summary>Set once the active-administrator count is known to exist, so later changes skip the check.</summary>
    internal volatile bool ActiveAdminsCounted;

    /// <summary>How long a refresh token is kept after its family expired, so a late reuse is still recognised and logged.</summary>
    public static readonly TimeSpan RefreshTokenRetention = TimeSpan.FromDays(7);

    public Task CreateIndexesAsync(CancellationToken cancellationToken) => Guard(async () =>
    {
        await Users.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<UserDocument>(
                    Builders<UserDocument>.IndexKeys.Ascending(u => u.NormalizedEmail),
                    new CreateIndexOptions { Unique = true, Name = "ux_users_normalizedEmail" }),
                new CreateIndexModel<UserDocument>(
                    Builders<UserDocument>.IndexKeys.Ascending(u => u.Roles),
                    new CreateIndexOptions { Name = "ix_users_roles" }),
            ],
            cancellationToken);
        await MongoActiveAdmins.EnsureCountedAsync(this, cancellationToken);
        var token = Builders<MongoRefreshTokenDocument>.IndexKeys;
        await RefreshTokens.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<MongoRefreshTokenDocument>(token.Ascending(t => t.TokenHash),
                    new CreateIndexOptions { Unique = true, Name = "ux_refreshTokens_tokenHash" }),
                new CreateIndexModel<MongoRefreshTokenDocument>(token.Ascending(t => t.FamilyId),
                    new CreateIndexOptions { Name = "ix_refreshTokens_familyId" }),
                new CreateIndexModel<MongoRefreshTokenDocument>(token.Ascending(t => t.UserId),
                    new CreateIndexOptions { Name = "ix_refreshTokens_userId" }),
                new CreateIndexModel<MongoRefreshTokenDocument>(token.Ascending(t => t.FamilyExpiresAt),
                    new CreateIndexOptions { Name = "ttl_refreshTokens_familyExpiresAt", ExpireAfter = RefreshTokenRetention }),
            ],
            cancellationToken);
        var family = Builders<MongoRefreshFamilyDocument>.IndexKeys;
        await RefreshFamilies.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<MongoRefreshFamilyDocument>(family.Ascending(f => f.UserId),
                    new CreateIndexOptions { Name = "ix_refreshFamilies_userId" }),
                new CreateIndexModel<MongoRefreshFamilyDocument>(family.Ascending(f => f.ExpiresAt),
                    new CreateIndexOptions { Name = "ttl_refreshFamilies_expiresAt", ExpireAfter = RefreshTokenRetention }),
            ],
            cancellationToken);

        var book = Builders<BookDocument>.IndexKeys;
        await Books.Indexes.CreateManyAsync(
            [
                new CreateIndexModel<BookDocument>(book.Ascending(b => b.OwnerId).Ascending(b => b.NormalizedTitle),
                    new CreateIndexOptions { Unique = true, Name = "ux_books_owner_title" }),
                new CreateIndexModel<BookDocument>(book.Ascending(b => b.OwnerId).Descending(b => b.CreatedAt).Descending(b => b.Id),
                    new CreateIndexOptions { Name = "ix_books_owner_created" }),
                new CreateIndexModel<BookDocument>(book.Ascending(b => b.OwnerId).Ascending(b => b.AuthorId),
                    new CreateIndexOptions { Name = "ix_books_owner_author" }),
            ],
            cancellationToken);

        await Authors.Indexes.CreateOneAsync(
            new CreateIndexModel<AuthorDocument>(
                Builders<AuthorDocument>.IndexKeys.Ascending(a => a.OwnerId).Ascending(a => a.Name),
                new CreateIndexOptions { Name = "ix_authors_owner_name" }),
            cancellationToken: cancellationToken);
    });

    /// <summary>Turns "the server cannot be reached" into the Application's 503 signal; everything else passes through.</summary>
    public static async Task<T> Guard<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            throw new StorageUnavailableException("The database cannot be reached.", ex);
        }
    }

    public static Task Guard(Func<Task> operation) => Guard(async () =>
    {
        await operation();
        return true;
    });

    private static bool IsUnavailable(Exception ex) => ex is TimeoutException
        or MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException;
}
