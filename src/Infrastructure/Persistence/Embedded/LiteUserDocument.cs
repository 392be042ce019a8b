using CleanAuth.Domain.Users;
using LiteDB;

namespace CleanAuth.Infrastructure.Persistence.Embedded;

public sealed class LiteUserDocument
{
    [BsonId]
    public ObjectId Id { get; set; } = ObjectId.Empty;

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public string SecurityStamp { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public bool Disabled { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public DateTime? LastLoginAt { get; set; }

    public int FailedLoginCount { get; set; }

    public DateTime? LockoutEnd { get; set; }

    public static LiteUserDocument From(User user, long version) => new()
    {
        Id = new ObjectId(user.Id),
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
    };

    public User ToUser() => new(
        Id.ToString(), Name, Email, PasswordHash, SecurityStamp, Roles, Disabled,
        new DateTimeOffset(DateTime.SpecifyKind(CreatedAt, DateTimeKind.Utc)),
        new DateTimeOffset(DateTime.SpecifyKind(UpdatedAt, DateTimeKind.Utc)),
        Version,
        Utc(LastLoginAt),
        FailedLoginCount,
        Utc(LockoutEnd));

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } v ? new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)) : null;
}
