using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableTwoFactor;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.RegenerateRecoveryCodes;

namespace CleanAuth.WebApi.Contracts;

/// <summary>What an authenticator app needs to be set up: the key to type, or the URI (and its QR code) to scan.</summary>
public sealed record TwoFactorSetupResponse(string SharedKey, string AuthenticatorUri, string QrCodeSvg)
{
    public static TwoFactorSetupResponse From(TwoFactorSetup setup) => new(setup.SharedKey, setup.AuthenticatorUri, setup.QrCodeSvg);

    public override string ToString() => nameof(TwoFactorSetupResponse);
}

/// <summary>
/// Proves the pending key works (a code from the app) and turns the second factor on: recovery codes shown once,
/// every other session ended, a fresh pair for the caller. Only once the address is confirmed (ADR 0043), like setup.
/// </summary>
public sealed record EnableTwoFactorRequest(string Code)
{
    public EnableTwoFactorCommand ToCommand() => new(Code);
}

/// <summary>An enabled second factor: the recovery codes, shown once, and a fresh token pair (the login shape) for the caller.</summary>
public sealed record TwoFactorEnabledResponse(
    IReadOnlyList<string> RecoveryCodes, string TokenType, string AccessToken, int ExpiresIn, string RefreshToken, int RefreshExpiresIn)
{
    public static TwoFactorEnabledResponse From(TwoFactorEnabled enabled) => new(
        enabled.RecoveryCodes, enabled.TokenType, enabled.AccessToken, enabled.ExpiresIn, enabled.RefreshToken, enabled.RefreshExpiresIn);

    public override string ToString() => nameof(TwoFactorEnabledResponse);
}

/// <summary>Turns the second factor off (the password confirms it); every other session ends, the caller gets a fresh pair.</summary>
public sealed record DisableTwoFactorRequest(string Password)
{
    public DisableTwoFactorCommand ToCommand() => new(Password);

    public override string ToString() => nameof(DisableTwoFactorRequest);
}

/// <summary>A new set of recovery codes (the password confirms it); the old ones stop working. No session ends.</summary>
public sealed record RegenerateRecoveryCodesRequest(string Password)
{
    public RegenerateRecoveryCodesCommand ToCommand() => new(Password);

    public override string ToString() => nameof(RegenerateRecoveryCodesRequest);
}

/// <summary>The recovery codes, shown once.</summary>
public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes)
{
    public static RecoveryCodesResponse From(RecoveryCodeList list) => new(list.RecoveryCodes);

    public override string ToString() => nameof(RecoveryCodesResponse);
}
