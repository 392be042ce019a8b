using System.Security.Cryptography;
using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>A person who can sign in. Accounts are never deleted, only disabled, so no data is lost.</summary>
public sealed class User
{
    private readonly List<string> _roles;

    /// <summary>Rebuilds a user from storage; new users come from <see cref="Register"/>.</summary>
    public User(
        string id,
        string name,
        string email,
        string passwordHash,
        string securityStamp,
        IEnumerable<string> roles,
        bool isDisabled,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version)
    {
        Id = id;
        Name = name;
        Email = email;
        PasswordHash = passwordHash;
        SecurityStamp = securityStamp;
        _roles = [.. roles];
        IsDisabled = isDisabled;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Version = version;
    }

    public string Id { get; }

    public string Name { get; private set; }

    public string Email { get; }

    /// <summary>The form of the email that uniqueness is decided on.</summary>
    public string NormalizedEmail => NormalizeEmail(Email);

    [Sensitive]
    public string PasswordHash { get; private set; }

    /// <summary>Changes whenever every outstanding token of the user must stop working.</summary>
    [Sensitive]
    public string SecurityStamp { get; private set; }

    public IReadOnlyList<string> Roles => _roles;

    public bool IsDisabled { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The stored revision this object was read at; storage refuses an update made from a stale one.</summary>
    public long Version { get; private set; }

    public static User Register(string id, string name, string email, string passwordHash, DateTimeOffset now)
    {
        var at = TruncateToMilliseconds(now);
        return new User(id, name.Trim(), email.Trim(), passwordHash, NewSecurityStamp(), [], false, at, at, 0);
    }

    public static string NormalizeEmail(string email) => email.Trim().ToUpperInvariant();

    public void Rename(string name, DateTimeOffset now)
    {
        Name = name.Trim();
        Touch(now);
    }

    /// <summary>Replaces the hash of the same password, e.g. when the hashing parameters got stronger.</summary>
    public void ReplacePasswordHash(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        Touch(now);
    }

    /// <summary>Keeps the account and its data but ends every session at once.</summary>
    public void Disable(DateTimeOffset now)
    {
        IsDisabled = true;
        SecurityStamp = NewSecurityStamp();
        Touch(now);
    }

    /// <summary>Called by a repository once an update made from this object has been stored.</summary>
    public void MarkSaved() => Version++;

    private void Touch(DateTimeOffset now) => UpdatedAt = TruncateToMilliseconds(now);

    // Both stores keep times to the millisecond; truncating here makes what a handler returns equal what a later read returns.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
