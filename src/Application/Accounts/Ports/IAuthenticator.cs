namespace CleanAuth.Application.Accounts.Ports;

/// <summary>Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 s), as authenticator apps compute them.</summary>
public interface IAuthenticator
{
    /// <summary>A new random shared key.</summary>
    byte[] NewSecret();

    /// <summary>The key as the user types it into an app: base32 (RFC 4648) without padding.</summary>
    string SharedKey(byte[] secret);

    /// <summary>The <c>otpauth://</c> URI (Key Uri Format) an app reads from the QR code.</summary>
    string KeyUri(byte[] secret, string accountName);

    /// <summary>An SVG QR code of <paramref name="text"/>.</summary>
    string QrCodeSvg(string text);

    /// <summary>
    /// The time step whose code <paramref name="code"/> is, within one step of drift either way of
    /// <paramref name="now"/>; null when it matches none. Whether that step was used already is the store's to decide.
    /// </summary>
    long? MatchingStep(byte[] secret, string code, DateTimeOffset now);
}
