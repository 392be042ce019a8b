using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>Refresh-token lifetimes (section <c>RefreshTokens</c>).</summary>
public sealed class RefreshTokenOptions
{
    public const string Section = "RefreshTokens";

    /// <summary>A refresh token unused for this long expires; each refresh starts it again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "RefreshTokens:SlidingLifetime must be between 00:00:01 and 3650.00:00:00.")]
    public TimeSpan SlidingLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>No token of a family outlives this, counted from the login that started the family.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "RefreshTokens:AbsoluteLifetime must be between 00:00:01 and 3650.00:00:00.")]
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>Account lockout after consecutive failed sign-ins (section <c>Lockout</c>).</summary>
public sealed class LockoutOptions
{
    public const string Section = "Lockout";

    [Range(1, 1_000_000, ErrorMessage = "Lockout:MaxFailedAttempts must be between 1 and 1000000.")]
    public int MaxFailedAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Lockout:Duration must be between 00:00:01 and 365.00:00:00.")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(5);
}
