using CleanAuth.Application.Common.Logging;

namespace CleanAuth.Application.Passkeys.Ports;

/// <summary>
/// The WebAuthn ceremonies' cryptography and checks (ADR 0058), behind a port so that the use cases do not know the
/// library. Options go out and come back as WebAuthn's JSON (base64url fields); every refusal is a
/// <see cref="PasskeyVerificationException"/> with the reason.
/// </summary>
public interface IWebAuthn
{
    /// <summary>Creation options for <paramref name="user"/> (resident key and user verification required, no attestation), as JSON.</summary>
    string CreationOptions(PasskeyUser user, IReadOnlyCollection<byte[]> excludeCredentialIds);

    /// <summary>Checks an attestation (<c>PublicKeyCredential.toJSON()</c>) against the creation options it answers.</summary>
    Task<NewPasskeyCredential> VerifyRegistrationAsync(string options, string credential, CancellationToken cancellationToken);

    /// <summary>Request options with an empty allowCredentials (discoverable credentials only, user verification required), as JSON.</summary>
    string RequestOptions();

    /// <summary>The credential id an assertion names; null when it cannot be read.</summary>
    byte[]? CredentialIdOf(string assertion);

    /// <summary>Checks an assertion against the request options it answers and the stored passkey it names.</summary>
    Task<VerifiedAssertion> VerifyAssertionAsync(string options, string assertion, Passkey stored, CancellationToken cancellationToken);
}

public sealed record PasskeyUser(byte[] Handle, string Name, string DisplayName);

public sealed record NewPasskeyCredential(
    byte[] CredentialId, byte[] PublicKey, uint SignCount, bool BackupEligible, bool BackedUp, IReadOnlyList<string> Transports, byte[] UserHandle);

public sealed record VerifiedAssertion(uint SignCount, bool BackedUp);

/// <summary>Thrown by <see cref="IWebAuthn"/> for an answer it refuses.</summary>
public sealed class PasskeyVerificationException(PasskeyFailure reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public PasskeyFailure Reason { get; } = reason;
}
