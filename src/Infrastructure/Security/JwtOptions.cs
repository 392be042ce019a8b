using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Infrastructure.Security;

public sealed class JwtOptions
{
    public const string Section = "Jwt";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Jwt:Issuer is required.")]
    public string Issuer { get; set; } = "cleanauth";

    [Required(AllowEmptyStrings = false, ErrorMessage = "Jwt:Audience is required.")]
    public string Audience { get; set; } = "cleanauth-api";

    /// <summary>Base64 of at least 32 random bytes. Never logged. Checked by <see cref="JwtSigningKey.Resolve"/>.</summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Jwt:AccessTokenLifetime must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
