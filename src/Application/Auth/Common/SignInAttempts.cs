using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Auth.Common;

/// <summary>
/// Records failed and successful password checks on the user (lockout counter, last login). A write
/// that loses an optimistic race is re-applied once to a fresh read: a failure must count even when
/// another request saved the user in between, or an attacker could race the counter.
/// </summary>
public sealed class SignInAttempts(IUserRepository users, IOptions<LockoutOptions> options, SecurityEvents events, TimeProvider timeProvider)
{
    /// <summary>Counts a wrong password; locks the account when the limit is reached.</summary>
    public async Task RecordFailureAsync(User user, CancellationToken cancellationToken)
    {
        var lockout = options.Value;
        var locked = await ApplyAsync(user, u => u.RecordFailedLogin(timeProvider.GetUtcNow(), lockout.MaxFailedAttempts, lockout.Duration), cancellationToken);
        if (locked is { } stored)
        {
            events.AccountLocked(stored.Id, stored.LockoutEnd!.Value);
        }
    }

    /// <summary>Resets the counter and sets the last login; stores a stronger hash of the same password when given one.</summary>
    public Task RecordSuccessAsync(User user, string? rehashed, CancellationToken cancellationToken) =>
        ApplyAsync(user, u =>
        {
            var now = timeProvider.GetUtcNow();
            if (rehashed is not null)
            {
                u.ReplacePasswordHash(rehashed, now);
            }

            u.RecordSuccessfulLogin(now);
            return false;
        }, cancellationToken);

    // Returns the saved user when the change reported true (locked), else null.
    private async Task<User?> ApplyAsync(User user, Func<User, bool> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = change(user);
            try
            {
                await users.UpdateAsync(user, cancellationToken);
                return result ? user : null;
            }
            catch (ConflictException) when (attempt == 0)
            {
                user = await users.FindByIdAsync(user.Id, cancellationToken) ?? throw new UnauthorizedException(Login.LoginCommandHandler.InvalidCredentials);
            }
            catch (ConflictException)
            {
                // Lost twice in a row: the sign-in outcome stands; this one bookkeeping write is dropped.
                return null;
            }
        }
    }
}
