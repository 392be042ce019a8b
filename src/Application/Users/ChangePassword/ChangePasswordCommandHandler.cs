using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Users.ChangePassword;

public sealed class ChangePasswordCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IRefreshTokenStore store,
    RefreshTokens refreshTokens,
    SignInAttempts attempts,
    SecurityEvents events,
    TimeProvider timeProvider) : IRequestHandler<ChangePasswordCommand, TokenPair>
{
    internal const string WrongCurrentPassword = "The current password is incorrect.";

    public async Task<TokenPair> Handle(ChangePasswordCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        var now = timeProvider.GetUtcNow();

        // A locked account cannot be unlocked by guessing here either: while locked, every attempt is wrong.
        var verified = passwordHasher.Verify(user.PasswordHash, request.CurrentPassword) != PasswordVerification.Failed;
        if (!verified || user.IsLockedOut(now))
        {
            if (!user.IsLockedOut(now))
            {
                await attempts.RecordFailureAsync(user, cancellationToken);
            }

            throw ValidationException.ForField("currentPassword", WrongCurrentPassword);
        }

        user.ChangePassword(passwordHasher.Hash(request.NewPassword), now);
        await users.UpdateAsync(user, cancellationToken);
        await store.RevokeAllForUserAsync(user.Id, now, cancellationToken);
        events.PasswordChanged(user.Id);
        return await refreshTokens.StartFamilyAsync(user, cancellationToken);
    }
}
