namespace CleanAuth.Infrastructure.Persistence;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder of the embedded store's file and the development signing key.</summary>
    public string DataPath { get; set; } = "data";

    public string MongoDatabase { get; set; } = "cleanauth";

    /// <summary>How long a MongoDB call waits for a reachable server before the request gets a 503.</summary>
    public TimeSpan MongoServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
