using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Checks a second factor (ADR 0041). A code is matched within one time step of drift, then its step must win the
/// store's conditional write, so a code seen once is refused again even inside its window; a recovery code is
/// spent by one conditional write. Nothing here logs a code or a secret.
/// </summary>
public sealed class SecondFactor(ITwoFactorStore store, IAuthenticator authenticator, ISecretProtector protector, TimeProvider timeProvider)
{
    /// <summary>The answer when a second factor is asked for and neither a code nor a recovery code came.</summary>
    public const string Needed = "This account has two-factor authentication: send twoFactorCode (from the app) or recoveryCode with the password.";

    /// <summary>The answer to a wrong, replayed or spent code or recovery code.</summary>
    public const string Wrong = "The two-factor code or recovery code is incorrect or was used already.";

    /// <summary>The secret a stored ciphertext holds for this user; null when no configured key opens it.</summary>
    public byte[]? Open(string ciphertext, UserId userId) => protector.Unprotect(ciphertext, userId.Value);

    public string Seal(byte[] secret, UserId userId) => protector.Protect(secret, userId.Value);

    /// <summary>The step <paramref name="code"/> matches for <paramref name="secret"/> now, or null.</summary>
    public long? MatchingStep(byte[]? secret, string code) =>
        secret is null ? null : authenticator.MatchingStep(secret, code, timeProvider.GetUtcNow());

    /// <summary>Checks a code or a recovery code against an enabled second factor, spending what it accepts.</summary>
    public async Task<SecondFactorCheck> CheckAsync(TwoFactorState state, string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            var secret = state.Secret is null ? null : Open(state.Secret, state.UserId);
            if (state.Secret is not null && secret is null)
            {
                return SecondFactorCheck.Unreadable;
            }

            var step = MatchingStep(secret, code);
            return step is { } accepted && await store.TryAcceptStepAsync(state.UserId, accepted, cancellationToken)
                ? SecondFactorCheck.CodeAccepted
                : SecondFactorCheck.Refused;
        }

        if (recoveryCode is not null && RecoveryCodes.HashOf(state.UserId, recoveryCode) is { } hash
            && await store.TrySpendRecoveryCodeAsync(state.UserId, hash, cancellationToken))
        {
            return SecondFactorCheck.RecoveryCodeSpent;
        }

        return SecondFactorCheck.Refused;
    }
}

public enum SecondFactorCheck
{
    Refused,
    CodeAccepted,
    RecoveryCodeSpent,

    /// <summary>No configured key opens the stored secret: a configuration error the protector logged (event 2011), not a wrong code.</summary>
    Unreadable,
}
