namespace CleanAuth.Application.Accounts.Common;

/// <summary>What an authenticator app needs to be set up: the key to type, or the URI (and its QR code) to scan.</summary>
public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri, string QrCodeSvg)
{
    public override string ToString() => nameof(TwoFactorSetup);
}

/// <summary>The recovery codes, shown once.</summary>
public sealed record RecoveryCodeList(IReadOnlyList<string> RecoveryCodes)
{
    public override string ToString() => nameof(RecoveryCodeList);
}

/// <summary>An enabled second factor: the recovery codes, shown once, and a fresh token pair (the login shape) for the caller.</summary>
public sealed record TwoFactorEnabled(
    IReadOnlyList<string> RecoveryCodes,
    string TokenType,
    string AccessToken,
    int ExpiresIn,
    string RefreshToken,
    int RefreshExpiresIn)
{
    public static TwoFactorEnabled From(IReadOnlyList<string> recoveryCodes, TokenPair pair) =>
        new(recoveryCodes, pair.TokenType, pair.AccessToken, pair.ExpiresIn, pair.RefreshToken, pair.RefreshExpiresIn);

    public override string ToString() => $"{nameof(TwoFactorEnabled)} {{ ExpiresIn = {ExpiresIn}, RefreshExpiresIn = {RefreshExpiresIn} }}";
}
