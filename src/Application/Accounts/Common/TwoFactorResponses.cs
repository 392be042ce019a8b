using CleanAuth.Domain.Common;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>What an authenticator app needs to be set up: the key to type, or the URI (and its QR code) to scan.</summary>
public sealed record TwoFactorSetup([property: Sensitive] string SharedKey, [property: Sensitive] string AuthenticatorUri, [property: Sensitive] string QrCodeSvg)
{
    public override string ToString() => nameof(TwoFactorSetup);
}

/// <summary>The recovery codes, shown once.</summary>
public sealed record RecoveryCodeList([property: Sensitive] IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => nameof(RecoveryCodeList);
}

/// <summary>An enabled second factor: the recovery codes, shown once, and a fresh token pair (the login shape) for the caller.</summary>
public sealed record TwoFactorEnabled(
    [property: Sensitive] IReadOnlyList<string> RecoveryCodes,
    string TokenType,
    [property: Sensitive] string AccessToken,
    int ExpiresIn,
    [property: Sensitive] string RefreshToken,
    int RefreshExpiresIn)
{
    public static TwoFactorEnabled From(IReadOnlyList<string> recoveryCodes, TokenPair pair) =>
        new(recoveryCodes, pair.TokenType, pair.AccessToken, pair.ExpiresIn, pair.RefreshToken, pair.RefreshExpiresIn);

    public override string ToString() => $"{nameof(TwoFactorEnabled)} {{ ExpiresIn = {ExpiresIn}, RefreshExpiresIn = {RefreshExpiresIn} }}";
}
