using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// A signed-in user confirms a sensitive change with their password, and where the change asks for it with their second
/// factor too. The password is a guess like a login's: reserved first, so it shares the lockout (ADR 0031), and once
/// locked even the right one gets the same 400 as a wrong one. The second factor is weighed only once the password
/// matched; a wrong one leaves the reserved attempt counted, as a wrong password does, so codes cannot be guessed past
/// the lockout.
/// </summary>
public sealed class CurrentPasswordCheck(
    IPasswordHasher passwordHasher, SignInAttempts attempts, ITwoFactorStore twoFactors, SecondFactor secondFactor, SecurityEvents events)
{
    public const string WrongPassword = "The password is incorrect.";

    /// <summary>The password alone; a wrong one is a 400 on <paramref name="field"/>.</summary>
    public Task ConfirmAsync(User user, string password, string field, CancellationToken cancellationToken) =>
        ConfirmAsync(user, password, field, thenAlso: null, cancellationToken);

    /// <summary>
    /// The password (a 400 on <c>password</c>), then the second factor where the account has one enabled: a code
    /// (<c>twoFactorCode</c>) or a recovery code (<c>recoveryCode</c>), a missing or wrong one a 400 on its field.
    /// </summary>
    public Task ConfirmWithSecondFactorAsync(
        User user, string password, string? twoFactorCode, string? recoveryCode, TwoFactorPurpose purpose, CancellationToken cancellationToken) =>
        ConfirmAsync(user, password, "password", () => CheckSecondFactorAsync(user, twoFactorCode, recoveryCode, purpose, cancellationToken), cancellationToken);

    private async Task ConfirmAsync(User user, string password, string field, Func<Task>? thenAlso, CancellationToken cancellationToken)
    {
        var attempt = await attempts.ReserveAsync(user, cancellationToken);
        if (passwordHasher.Verify(user.PasswordHash, password) == PasswordVerification.Failed || !attempt.IsReserved)
        {
            if (attempt.IsReserved)
            {
                attempts.Failed(attempt);
            }

            throw ValidationException.ForField(field, WrongPassword);
        }

        if (thenAlso is not null)
        {
            try
            {
                await thenAlso();
            }
            catch (RejectionException)
            {
                attempts.Failed(attempt);
                throw;
            }
        }

        await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
    }

    private async Task CheckSecondFactorAsync(User user, string? twoFactorCode, string? recoveryCode, TwoFactorPurpose purpose, CancellationToken cancellationToken)
    {
        if (await twoFactors.FindAsync(user.Id, cancellationToken) is not { IsEnabled: true } state)
        {
            return;
        }

        if (twoFactorCode is null && recoveryCode is null)
        {
            throw ValidationException.ForField("twoFactorCode", SecondFactor.Needed);
        }

        switch (await secondFactor.CheckAsync(state, twoFactorCode, recoveryCode, cancellationToken))
        {
            case SecondFactorCheck.CodeAccepted:
                return;
            case SecondFactorCheck.RecoveryCodeSpent:
                events.RecoveryCodeUsed(user.Id);
                return;
            case SecondFactorCheck.Refused:
                events.TwoFactorFailed(user.Id, purpose);
                break;
        }

        throw ValidationException.ForField(twoFactorCode is null ? "recoveryCode" : "twoFactorCode", SecondFactor.Wrong);
    }
}
