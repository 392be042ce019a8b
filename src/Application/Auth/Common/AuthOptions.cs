namespace CleanAuth.Application.Auth.Common;

/// <summary>Refresh-token lifetimes (section <c>RefreshTokens</c>).</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "RefreshTokens";

    /// <summary>A refresh token unused for this long expires; each refresh starts it again.</summary>
    public TimeSpan SlidingLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>No token of a family outlives this, counted from the login that started the family.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Account lockout after consecutive failed sign-ins (section <c>Lockout</c>).</summary>
public sealed class LockoutOptions
{
    public const string Section = "Lockout";

    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);
}
