using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ChangePassword;

/// <summary>Answers with a fresh token pair for the caller; every other session ends.</summary>
public sealed record ChangePasswordCommand(string CurrentPassword, string NewPassword) : IRequest<TokenPair>, IRequireUser, IHashesPassword
{
    public override string ToString() => nameof(ChangePasswordCommand);
}

public sealed class ChangePasswordCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IRefreshTokenStore store,
    RefreshTokens refreshTokens,
    SignInAttempts attempts,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<ChangePasswordCommand, TokenPair>
{
    internal const string WrongCurrentPassword = "The current password is incorrect.";

    // How often a change that lost to a concurrent write (a rename, a sign-in) is applied again to a fresh read.
    private const int Attempts = 3;

    public async Task<TokenPair> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        // The current password is a password guess like a login's: reserved first, so it shares the lockout,
        // and once locked even the right one gets the same 400 as a wrong one.
        var user = currentUser.User;
        var attempt = await attempts.ReserveAsync(user, cancellationToken);
        if (passwordHasher.Verify(user.PasswordHash, request.CurrentPassword) == PasswordVerification.Failed || !attempt.IsReserved)
        {
            if (attempt.IsReserved)
            {
                attempts.Failed(attempt);
            }

            throw ValidationException.ForField("currentPassword", WrongCurrentPassword);
        }

        var now = timeProvider.GetUtcNow();
        user = await StoreNewPasswordAsync(user, passwordHasher.Hash(request.NewPassword), now, cancellationToken);
        await attempts.SucceededAsync(user, null, isLogin: false, cancellationToken);
        await store.EndAllSessionsAsync(user.Id, now, cancellationToken);
        events.PasswordChanged(user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.PasswordChanged, cancellationToken);
        return await refreshTokens.StartSessionAsync(user, cancellationToken);
    }

    // A concurrent write to the user must not turn the right password into a 409 (a status that a wrong one
    // never gets would reveal it): the change is applied again to a fresh read. Only if the password itself
    // changed meanwhile is the current password no longer right.
    private async Task<User> StoreNewPasswordAsync(User user, string newHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var verifiedHash = user.PasswordHash;
        for (var attempt = 1; ; attempt++)
        {
            user.ChangePassword(newHash, now);
            try
            {
                await users.UpdateAsync(user, cancellationToken);
                return user;
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                user = await users.FindByIdAsync(user.Id, cancellationToken) ?? throw new UnauthorizedException("The account no longer exists.");
                if (user.PasswordHash != verifiedHash)
                {
                    throw ValidationException.ForField("currentPassword", WrongCurrentPassword);
                }
            }
        }
    }
}
