using System.Security.Cryptography;

namespace CleanAuth.Domain.Users;

/// <summary>A person's account: who can sign in, with what, and what they may do.</summary>
public sealed class User
{
    private readonly List<string> _roles;

    /// <summary>Rebuilds a user from storage; new users come from <see cref="Register"/>.</summary>
    public User(
        UserId id,
        string name,
        string email,
        string passwordHash,
        string securityStamp,
        IEnumerable<string> roles,
        bool isDisabled,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version,
        DateTimeOffset? lastLoginAt = null,
        int failedLoginCount = 0,
        DateTimeOffset? lockoutEnd = null,
        bool emailConfirmed = false)
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
        LastLoginAt = lastLoginAt;
        FailedLoginCount = failedLoginCount;
        LockoutEnd = lockoutEnd;
        EmailConfirmed = emailConfirmed;
    }

    public UserId Id { get; }

    public string Name { get; private set; }

    public string Email { get; }

    /// <summary>The form of the email that uniqueness is decided on.</summary>
    public string NormalizedEmail => EmailAddress.Normalize(Email);

    public string PasswordHash { get; private set; }

    /// <summary>Changes whenever every outstanding token of the user must stop working.</summary>
    public string SecurityStamp { get; private set; }

    public IReadOnlyList<string> Roles => _roles;

    public bool IsDisabled { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public DateTimeOffset? LastLoginAt { get; }

    /// <summary>
    /// Password checks reserved in the current lock window (each counts as a failure unless it succeeds), as
    /// read. The store changes it only through its atomic sign-in operations, never through a user update.
    /// </summary>
    public int FailedLoginCount { get; }

    /// <summary>Until when sign-in is refused, whatever the password; null when not locked. Kept like <see cref="FailedLoginCount"/>.</summary>
    public DateTimeOffset? LockoutEnd { get; }

    /// <summary>
    /// Whether the holder proved the address by presenting a code sent to it. Kept like <see cref="FailedLoginCount"/>:
    /// only the store's own confirm operation sets it, so a stale copy saved later can never take it back.
    /// </summary>
    public bool EmailConfirmed { get; }

    public bool IsAdmin => _roles.Contains(Role.Admin, StringComparer.Ordinal);

    /// <summary>An administrator who can act: holds the role and is not disabled. At least one must always exist.</summary>
    public bool IsActiveAdmin => IsAdmin && !IsDisabled;

    /// <summary>The revision this object was read at; storage refuses an update made from a stale one.</summary>
    public long Version { get; }

    public static User Register(UserId id, PersonName name, EmailAddress email, string passwordHash, DateTimeOffset now)
    {
        return new User(id, name.Value, email.Value, passwordHash, NewSecurityStamp(), [], false, now, now, 0);
    }

    public void Rename(PersonName name, DateTimeOffset now)
    {
        Name = name.Value;
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
        RotateSecurityStamp(now);
    }

    /// <summary>Gives a disabled account back its access; its old tokens stay dead (the stamp moved on when it was disabled).</summary>
    public void Enable(DateTimeOffset now)
    {
        IsDisabled = false;
        Touch(now);
    }

    /// <summary>Sets a new password and ends every session that exists now.</summary>
    public void ChangePassword(string passwordHash, DateTimeOffset now)
    {
        PasswordHash = passwordHash;
        RotateSecurityStamp(now);
    }

    /// <summary>Makes every access token issued so far stop working.</summary>
    public void RotateSecurityStamp(DateTimeOffset now)
    {
        SecurityStamp = NewSecurityStamp();
        Touch(now);
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd > now;

    /// <summary>Adds a role; false when the user already had it.</summary>
    public bool GrantRole(string role, DateTimeOffset now)
    {
        if (_roles.Contains(role, StringComparer.Ordinal))
        {
            return false;
        }

        _roles.Add(role);
        Touch(now);
        return true;
    }

    /// <summary>Removes a role; false when the user did not have it.</summary>
    public bool RevokeRole(string role, DateTimeOffset now)
    {
        if (_roles.RemoveAll(r => string.Equals(r, role, StringComparison.Ordinal)) == 0)
        {
            return false;
        }

        Touch(now);
        return true;
    }

    private void Touch(DateTimeOffset now) => UpdatedAt = now;

    private static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
