using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>Ends every session of a user (a new security stamp, every refresh family revoked), as a password change does.</summary>
public sealed class AccountSessions(IUserRepository users, IRefreshTokenStore refreshTokenStore, RefreshTokens refreshTokens, TimeProvider timeProvider)
{
    // How often a stamp rotation that lost to a concurrent write (a rename, a sign-in) is applied again to a fresh read.
    private const int Attempts = 3;

    /// <summary>Ends every session and returns the user as stored with the new stamp.</summary>
    public async Task<User> EndAllAsync(User user, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            user.RotateSecurityStamp(now);
            try
            {
                await users.UpdateAsync(user, cancellationToken);
                break;
            }
            catch (ConflictException) when (attempt < Attempts)
            {
                user = await users.FindByIdAsync(user.Id, cancellationToken) ?? throw new UnauthorizedException("The account no longer exists.");
            }
        }

        await refreshTokenStore.EndAllSessionsAsync(user.Id, now, cancellationToken);
        return user;
    }

    /// <summary>
    /// Ends every other session and starts a fresh one for the caller, signed in at <paramref name="signedInAt"/>: now
    /// after a proven password, else the caller's own session's time (ADR 0047).
    /// </summary>
    public async Task<TokenPair> RenewAsync(User user, DateTimeOffset? signedInAt, CancellationToken cancellationToken) =>
        await refreshTokens.StartSessionAsync(await EndAllAsync(user, cancellationToken), signedInAt, cancellationToken);
}
