using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The lockout around every password check (logins and password changes alike, ADR 0031): a guess is only
/// weighed after it reserved an attempt in the store, by one atomic conditional increment, so however many
/// guesses arrive together at most <see cref="LockoutOptions.MaxFailedAttempts"/> are weighed per lock
/// window. A reservation counts as a failure unless the guess succeeds and resets the count.
/// </summary>
public sealed class SignInAttempts(IUserRepository users, IOptions<LockoutOptions> options, SecurityEvents events, TimeProvider timeProvider)
{
    /// <summary>Reserves an attempt for the user's next password check; an unknown user gets none.</summary>
    public async Task<SignInAttempt> ReserveAsync(User? user, CancellationToken cancellationToken)
    {
        if (user is null)
        {
            return new SignInAttempt(null, SignInReservation.Refused, default);
        }

        var now = timeProvider.GetUtcNow();
        var lockout = options.Value;
        var outcome = await users.ReserveSignInAttemptAsync(user.Id, now, lockout.MaxFailedAttempts, lockout.Duration, cancellationToken);
        return new SignInAttempt(user.Id, outcome, now + lockout.Duration);
    }

    /// <summary>The reserved guess was wrong: it stays counted; if it was the window's last, the account is now locked.</summary>
    public void Failed(SignInAttempt attempt)
    {
        if (attempt is { Outcome: SignInReservation.ReservedLast, UserId: { } userId })
        {
            events.AccountLocked(userId, attempt.LockedUntil);
        }
    }

    /// <summary>
    /// The password was right: the count and any lock are cleared (and the last login set, for a login).
    /// A stronger hash of the same password replaces the stored one, unless the password changed meanwhile.
    /// </summary>
    public async Task SucceededAsync(User user, string? rehashed, bool isLogin, CancellationToken cancellationToken)
    {
        if (rehashed is not null)
        {
            await users.ReplacePasswordHashAsync(user.Id, user.PasswordHash, rehashed, cancellationToken);
        }

        await users.RecordSignInSuccessAsync(user.Id, isLogin ? timeProvider.GetUtcNow() : null, cancellationToken);
    }
}

/// <summary>A reservation for one password check; <see cref="IsReserved"/> false means it must not be weighed.</summary>
public readonly record struct SignInAttempt(UserId? UserId, SignInReservation Outcome, DateTimeOffset LockedUntil)
{
    public bool IsReserved => Outcome != SignInReservation.Refused;
}
