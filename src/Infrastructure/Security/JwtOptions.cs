namespace CleanAuth.Infrastructure.Security;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    public string Issuer { get; set; } = "cleanauth";

    public string Audience { get; set; } = "cleanauth-api";

    /// <summary>Base64 of at least 32 random bytes. Never logged.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
