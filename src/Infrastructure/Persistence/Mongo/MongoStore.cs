using CleanAuth.Application.Common.Exceptions;
using MongoDB.Driver;

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
        Users = Database.GetCollection<MongoUserDocument>("users");
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<MongoUserDocument> Users { get; }

    public Task CreateIndexesAsync(CancellationToken cancellationToken) => Guard(() =>
        Users.Indexes.CreateOneAsync(
            new CreateIndexModel<MongoUserDocument>(
                Builders<MongoUserDocument>.IndexKeys.Ascending(u => u.NormalizedEmail),
                new CreateIndexOptions { Unique = true, Name = "ux_users_normalizedEmail" }),
            cancellationToken: cancellationToken));

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
