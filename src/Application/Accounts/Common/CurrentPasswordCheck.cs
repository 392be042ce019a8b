using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// A signed-in user confirms a sensitive change with their password. It is a password guess like a login's: reserved
/// first, so it shares the lockout (ADR 0031), and once locked even the right one gets the same 400 as a wrong one.
/// </summary>
public sealed class CurrentPasswordCheck(IPasswordHasher passwordHasher, SignInAttempts attempts)
{
    public const string WrongPassword = "The password is incorrect.";

    public async Task ConfirmAsync(User user, string password, string field, CancellationToken cancellationToken)
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

        await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
    }
}
