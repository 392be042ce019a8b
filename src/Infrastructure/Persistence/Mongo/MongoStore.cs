using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Persistence.Mongo.Documents;
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
        Counters = Database.GetCollection<BsonDocument>("counters");
        EmailOutbox = Database.GetCollection<MongoOutboxDocument>("emailOutbox");
        ConfirmationCodes = Database.GetCollection<AccountCodeDocument>("emailConfirmationCodes");
        ResetCodes = Database.GetCollection<AccountCodeDocument>("passwordResetCodes");
        TwoFactor = Database.GetCollection<TwoFactorDocument>("twoFactor");
        Activity = Database.GetCollection<ActivityDocument>("activity");
        Passkeys = Database.GetCollection<PasskeyDocument>("passkeys");
        PasskeyCeremonies = Database.GetCollection<PasskeyCeremonyDocument>("passkeyCeremonies");
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<BookDocument> Books { get; }

    public IMongoCollection<AuthorDocument> Authors { get; }

    public GridFSBucket Covers { get; }

    public IMongoCollection<MongoRefreshTokenDocument> RefreshTokens { get; }

    public IMongoCollection<MongoRefreshFamilyDocument> RefreshFamilies { get; }

    public IMongoCollection<AccountCodeDocument> ConfirmationCodes { get; }

    public IMongoCollection<AccountCodeDocument> ResetCodes { get; }

    /// <summary>Each user's second factor, keyed by the user id (ADR 0041).</summary>
    public IMongoCollection<TwoFactorDocument> TwoFactor { get; }

    /// <summary>Each account's activity, a document per entry (ADR 0054).</summary>
    public IMongoCollection<ActivityDocument> Activity { get; }
    /// <summary>Passkeys, keyed by an id derived from the credential id, and the ceremonies begun (ADR 0058).</summary>
    public IMongoCollection<PasskeyDocument> Passkeys { get; }

    public IMongoCollection<PasskeyCeremonyDocument> PasskeyCeremonies { get; }

    /// <summary>Single documents that decide rules spanning many documents (ADR 0031): the count of active administrators.</summary>
    public IMongoCollection<BsonDocument> Counters { get; }

    /// <summary>Email waiting to be delivered (ADR 0039).</summary>
    public IMongoCollection<MongoOutboxDocument> EmailOutbox { get; }

    /// <summary>Set once the active-administrator count is known to exist, so later changes skip the check.</summary>
    internal volatile bool ActiveAdminsCounted;

    /// <summary>Turns "the server cannot be reached" into the Application's 503 signal; everything else passes through.</summary>
    public static async Task<T> MapOutage<T>(Func<Task<T>> operation)
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

    public static Task MapOutage(Func<Task> operation) => MapOutage(async () =>
    {
        await operation();
        return true;
    });

    private static bool IsUnavailable(Exception ex) => ex is TimeoutException
        or MongoConnectionException or MongoNotPrimaryException or MongoNodeIsRecoveringException;
}
