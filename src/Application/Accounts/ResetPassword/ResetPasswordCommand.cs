using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ResetPassword;

/// <summary>
/// Sets a new password with the code mailed by forgot-password (ADR 0040). Every session and access token of the
/// account ends, like a password change; on an address never confirmed, what its registrant set goes too (ADR 0043).
/// Every failure (wrong, expired, spent code, unknown or disabled account) is the same 400.
/// </summary>
public sealed record ResetPasswordCommand(string Email, string Code, string NewPassword) : IRequest<Unit>, IHashesPassword
{
    public override string ToString() => $"{nameof(ResetPasswordCommand)} {{ Email = {Email} }}";
}

public sealed class ResetPasswordCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IRefreshTokenStore refreshTokens,
    AccountCodes codes,
    PreRegistration preRegistration,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<ResetPasswordCommand, Unit>
{
    // How often a reset that lost to a concurrent write (a rename, a login's rehash) is applied again to a fresh read.
    private const int Attempts = 3;

    public async Task<Unit> Handle(ResetPasswordCommand request, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(request.Email, cancellationToken);
        if (await codes.RedeemAsync(user, AccountCodePurpose.PasswordReset, request.Code, cancellationToken) is { } reason)
        {
            events.PasswordResetFailed(user?.Id, request.Email, reason);
            throw AccountCodes.Invalid();
        }

        var now = timeProvider.GetUtcNow();
        user = await StoreNewPasswordAsync(user!, passwordHasher.Hash(request.NewPassword), now, cancellationToken);

        // The code reached the mailbox, so the address is the holder's; the new password ends any lock the old one's guessers set.
        // Cleared before the address is marked confirmed: a reset cut short in between leaves it unconfirmed, so the next clears again.
        await preRegistration.ClearIfUnconfirmedAsync(user, cancellationToken);
        await users.MarkEmailConfirmedAsync(user.Id, cancellationToken);
        await users.RecordSignInSuccessAsync(user.Id, null, cancellationToken);
        await refreshTokens.EndAllSessionsAsync(user.Id, now, cancellationToken);
        events.PasswordReset(user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.PasswordReset, cancellationToken);
        return Unit.Value;
    }

    // The code is spent, so a concurrent write to the user must not waste it: the change is applied again to a fresh read.
    private async Task<User> StoreNewPasswordAsync(User user, string newHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            user.ChangePassword(newHash, now);
            try
            {
                await users.UpdateAsync(user, cancellationToken);
                return user;
            }
            catch (AccountChangedException) when (attempt < Attempts)
            {
                user = await users.FindByIdAsync(user.Id, cancellationToken) ?? throw AccountCodes.Invalid();
            }
        }
    }
}
