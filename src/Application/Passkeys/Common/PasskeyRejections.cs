using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Application.Passkeys.Common;

/// <summary>A registration's answer was refused (400): the ceremony is gone or the credential did not verify.</summary>
public sealed class PasskeyRegistrationRejectedException()
    : RejectionException(RejectionKind.Invalid, "The passkey was not accepted: the ceremony is unknown, expired or finished already, or the credential did not verify. Begin again.");

/// <summary>The authenticator's credential id is registered already, to this account or another (409).</summary>
public sealed class PasskeyTakenException() : ConflictException("This passkey is registered already.");

public static class PasskeyRules
{
    /// <summary>One answer for every failed passkey sign-in, so that it tells nobody which accounts or credentials exist.</summary>
    public const string SignInRefused = "The passkey was not accepted, or the account is disabled. Begin again.";

    public const int MaxNameLength = 64;

    /// <summary>The largest credential JSON read: a real one is a few kilobytes.</summary>
    public const int MaxCredentialLength = 32 * 1024;

    public static NotFoundException NotFound() => new("No passkey with this id.");

    /// <summary>Whether <paramref name="id"/> has the shape of a passkey's or a ceremony's id (24 lower-case hex digits).</summary>
    public static bool IsId(string? id) => id is { Length: 24 } && id.All(char.IsAsciiHexDigitLower);
}
