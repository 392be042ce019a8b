using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Infrastructure.Security;

/// <summary>The second factor's settings (section <c>TwoFactor</c>, ADR 0041).</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>The issuer an authenticator app shows beside the account (the Key Uri Format's <c>issuer</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "TwoFactor:Issuer is required.")]
    [StringLength(64, ErrorMessage = "TwoFactor:Issuer must be at most 64 characters.")]
    [RegularExpression("^[^:]*$", ErrorMessage = "TwoFactor:Issuer must not contain a colon.")]
    public string Issuer { get; set; } = "CleanAuth";

    /// <summary>
    /// Base64 of 32 random bytes: the AES-256-GCM key that encrypts the authenticator keys at rest. Never logged.
    /// Required outside Development; checked by <see cref="AesGcmSecretProtector.Resolve"/>.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Keys used before <see cref="EncryptionKey"/>, kept to decrypt what they encrypted (key rotation).</summary>
    public List<string> DecryptionKeys { get; set; } = [];
}
