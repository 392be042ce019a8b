using CleanAuth.Domain.Users;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using static CleanAuth.Infrastructure.Persistence.Mongo.Documents.MongoTimes;

namespace CleanAuth.Infrastructure.Persistence.Mongo.Documents;

/// <summary>A user as MongoDB keeps it (see <see cref="BookDocument"/> for the id).</summary>
[BsonIgnoreExtraElements]
public sealed class UserDocument
{
    [BsonId]
    [BsonRepresentation(BsonType.ObjectId)]
    public string Id { get; set; } = "";

    [BsonElement("name")]
    public string Name { get; set; } = "";

    [BsonElement("email")]
    public string Email { get; set; } = "";

    /// <summary>Uniqueness is enforced on this field, not through a collation, so any MongoDB-wire server can keep it.</summary>
    [BsonElement("normalizedEmail")]
    public string NormalizedEmail { get; set; } = "";

    [BsonElement("passwordHash")]
    public string PasswordHash { get; set; } = "";

    [BsonElement("securityStamp")]
    public string SecurityStamp { get; set; } = "";

    [BsonElement("roles")]
    public List<string> Roles { get; set; } = [];

    [BsonElement("disabled")]
    public bool Disabled { get; set; }

    [BsonElement("createdAt")]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updatedAt")]
    public DateTime UpdatedAt { get; set; }

    [BsonElement("version")]
    public long Version { get; set; }

    [BsonElement("lastLoginAt")]
    public DateTime? LastLoginAt { get; set; }

    [BsonElement("failedLoginCount")]
    public int FailedLoginCount { get; set; }

    [BsonElement("lockoutEnd")]
    public DateTime? LockoutEnd { get; set; }

    /// <summary>Missing on users stored before confirmation existed: they read as unconfirmed.</summary>
    [BsonElement("emailConfirmed")]
    public bool EmailConfirmed { get; set; }

    /// <summary>Set by the first step of an erasure (ADR 0055); absent otherwise, so the sparse index holds only marked accounts.</summary>
    [BsonElement("erasingAt")]
    [BsonIgnoreIfNull]
    public DateTime? ErasingAt { get; set; }

    public static UserDocument From(User user, long version) => new()
    {
        Id = user.Id.Value,
        Name = user.Name,
        Email = user.Email,
        NormalizedEmail = user.NormalizedEmail,
        PasswordHash = user.PasswordHash,
        SecurityStamp = user.SecurityStamp,
        Roles = [.. user.Roles],
        Disabled = user.IsDisabled,
        CreatedAt = user.CreatedAt.UtcDateTime,
        UpdatedAt = user.UpdatedAt.UtcDateTime,
        Version = version,
        LastLoginAt = user.LastLoginAt?.UtcDateTime,
        FailedLoginCount = user.FailedLoginCount,
        LockoutEnd = user.LockoutEnd?.UtcDateTime,
        EmailConfirmed = user.EmailConfirmed,
    };

    public User ToUser() => new(
        UserId.From(Id), Name, Email, PasswordHash, SecurityStamp, Roles, Disabled,
        Utc(CreatedAt),
        Utc(UpdatedAt),
        Version,
        Utc(LastLoginAt),
        FailedLoginCount,
        Utc(LockoutEnd),
        EmailConfirmed);
}
