using System.ComponentModel.DataAnnotations;

namespace CleanAuth.Application.Passkeys.Common;

/// <summary>
/// Passkeys (section <c>Passkeys</c>, ADR 0058): the relying party's id (a domain, no scheme or port) and the
/// origins whose pages may run the ceremonies. Each origin's host must be the domain or one of its subdomains, as
/// WebAuthn requires; a mistake stops the start, not the first sign-in.
/// </summary>
public sealed class PasskeyOptions : IValidatableObject
{
    public const string Section = "Passkeys";

    /// <summary>The RP ID: the domain passkeys are made for (e.g. <c>books.example.com</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Passkeys:ServerDomain is required.")]
    [RegularExpression(@"^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
        ErrorMessage = "Passkeys:ServerDomain must be a lower-case domain name without scheme, port or path.")]
    public string ServerDomain { get; set; } = "localhost";

    /// <summary>The name an authenticator shows beside the passkey.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Passkeys:ServerName is required.")]
    [StringLength(64, ErrorMessage = "Passkeys:ServerName must be at most 64 characters.")]
    public string ServerName { get; set; } = "CleanAuth";

    /// <summary>The exact origins (scheme, host, port) of the pages that call navigator.credentials; empty: https://ServerDomain.</summary>
    public List<string> Origins { get; set; } = [];

    /// <summary>The origins accepted: <see cref="Origins"/>, or the site itself when none are set (a list default would be appended to, not replaced, by the binder).</summary>
    public IReadOnlyList<string> AllowedOrigins => Origins.Count > 0 ? Origins : [$"https://{ServerDomain}"];

    /// <summary>How long a begun ceremony can be finished (at most 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:30", "00:05:00", ErrorMessage = "Passkeys:CeremonyLifetime must be between 00:00:30 and 00:05:00.")]
    public TimeSpan CeremonyLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in Origins)
        {
            if (!IsOriginOf(origin, ServerDomain))
            {
                yield return new ValidationResult(
                    "Each of Passkeys:Origins must be an http(s) origin (no path) whose host is Passkeys:ServerDomain or a subdomain of it, or an android:apk-key-hash: origin.", [nameof(Origins)]);
                yield break;
            }
        }
    }

    // An Android app's origin is the hash of its signing key; the site's assetlinks.json ties it to the domain.
    private static bool IsOriginOf(string origin, string domain) =>
        (origin.StartsWith("android:apk-key-hash:", StringComparison.Ordinal) && origin.Length > 21) ||
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.GetLeftPart(UriPartial.Authority) == origin.TrimEnd('/')
        && origin.Count(c => c == '/') == 2
        && (uri.Host == domain || uri.Host.EndsWith("." + domain, StringComparison.Ordinal));
}
