using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>Where users are kept. Implementations throw <see cref="StorageUnavailableException"/> when the store cannot be reached.</summary>
public interface IUserRepository
{
    /// <summary>Stores a new user; false when another user already has the same normalized email.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    /// <summary>The user with this id, or null when there is none.</summary>
    Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken);

    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the changes made to <paramref name="user"/> if nobody else changed it since it was read;
    /// throws <see cref="ConflictException"/> otherwise. The sign-in state (failure count, lock,
    /// last login) is not written here: only the atomic sign-in operations below change it. A change that
    /// takes an active administrator away (<see cref="User.StoredAsActiveAdmin"/> and no longer
    /// <see cref="User.IsActiveAdmin"/>) is refused with <see cref="InvalidOperationException"/>: it must go
    /// through <see cref="TryUpdateRemovingActiveAdminAsync"/>.
    /// </summary>
    Task UpdateAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Stores, like <see cref="UpdateAsync"/>, a change that takes an active administrator away (a disable or
    /// a revoked admin role), but only while another active administrator remains: false, and nothing
    /// stored, when none would. One atomic conditional write decides it, so of two such changes racing for
    /// the last two administrators exactly one passes.
    /// </summary>
    Task<bool> TryUpdateRemovingActiveAdminAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Reserves one password check before the password is weighed: one atomic conditional increment of the
    /// user's failure count, refused while the account is locked. The reservation counts as a failure
    /// unless <see cref="RecordSignInSuccessAsync"/> resets it; the one that spends the window's budget
    /// (<paramref name="maxFailedAttempts"/>) also locks the account for <paramref name="lockoutDuration"/>.
    /// </summary>
    Task<SignInReservation> ReserveSignInAttemptAsync(
        UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken);

    /// <summary>A password check succeeded: clears the failure count and the lock; sets the last login when given.</summary>
    Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken);

    /// <summary>Replaces the password hash by a stronger hash of the same password, unless the hash changed meanwhile.</summary>
    Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the user's email as confirmed: one unconditional write of that flag alone, so it cannot lose to (or
    /// undo) a concurrent update; <see cref="UpdateAsync"/> never writes the flag. Nothing happens for an unknown id.
    /// </summary>
    Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>Page <paramref name="page"/> (from 1) of users ordered by creation, optionally those whose email contains <paramref name="emailContains"/> (any case).</summary>
    Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken);

    /// <summary>How many users hold the admin role and are not disabled.</summary>
    Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IUserRepository.ReserveSignInAttemptAsync"/>.</summary>
public enum SignInReservation
{
    /// <summary>Locked (or no such user): the guess must not be weighed.</summary>
    Refused,

    /// <summary>The guess may be weighed.</summary>
    Reserved,

    /// <summary>The guess may be weighed, and it spent the window's budget: the account is locked unless it succeeds.</summary>
    ReservedLast,
}
