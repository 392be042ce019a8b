using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Infrastructure.Persistence;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>
    /// How long both stores keep a refresh token after its family expired, so a late reuse is still recognised and
    /// logged: MongoDB by TTL indexes, the embedded store by its sweeper. A fixed rule, not a setting.
    /// </summary>
    public static readonly TimeSpan RefreshTokenRetention = TimeSpan.FromDays(7);

    /// <summary>
    /// Folder of the embedded store's file, the mail pickup folder and the development keys; unset,
    /// <see cref="DefaultDataPath"/>. Relative to the content root.
    /// </summary>
    [MinLength(1, ErrorMessage = "Storage:DataPath must not be empty.")]
    public string? DataPath { get; set; }

    /// <summary><c>data/&lt;environment&gt;</c>: each environment's data, keys and mail apart from the others' (ADR 0048).</summary>
    public static string DefaultDataPath(string environmentName) => Path.Combine("data", environmentName.ToLowerInvariant());

    [Required(AllowEmptyStrings = false, ErrorMessage = "Storage:MongoDatabase is required.")]
    [RegularExpression(@"^[^/\\. ""$*<>:|?]{1,63}$", ErrorMessage = "Storage:MongoDatabase is not a valid MongoDB database name.")]
    public string MongoDatabase { get; set; } = "cleanauth";

    /// <summary>How long a MongoDB call waits for a reachable server before the request gets a 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Storage:MongoServerSelectionTimeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan MongoServerSelectionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the embedded store deletes refresh tokens whose family is long over (MongoDB uses TTL indexes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Storage:RefreshTokenSweepInterval must be between 00:00:01 and 7.00:00:00.")]
    public TimeSpan RefreshTokenSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often an erasure that a crash interrupted is looked for and completed (also once after start, ADR 0055).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Storage:ErasureSweepInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan ErasureSweepInterval { get; set; } = TimeSpan.FromMinutes(5);
}
