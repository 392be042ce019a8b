using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>Loading the user an administrator's request names, and the last-administrator rule.</summary>
public static class AdminTargets
{
    public const string LastAdministrator = "This is the last active administrator; make another administrator first.";

    /// <summary>The user, or a 404 for an unknown or malformed id.</summary>
    public static async Task<User> LoadAsync(this IUserRepository users, string id, CancellationToken cancellationToken) =>
        (UserId.TryParse(id, out var userId) ? await users.FindByIdAsync(userId, cancellationToken) : null)
            ?? throw new NotFoundException("No user has this id.");

    /// <summary>
    /// Stores a change to the user; one that takes an active administrator away is stored only if another
    /// remains, decided by the store in one atomic write (ADR 0031), else refused with 409.
    /// </summary>
    public static async Task SaveKeepingAnAdminAsync(this IUserRepository users, User user, CancellationToken cancellationToken)
    {
        if (!user.StoredAsActiveAdmin || user.IsActiveAdmin)
        {
            await users.UpdateAsync(user, cancellationToken);
        }
        else if (!await users.TryUpdateRemovingActiveAdminAsync(user, cancellationToken))
        {
            throw new ConflictException(LastAdministrator);
        }
    }
}
