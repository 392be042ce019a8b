using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Users.Common;

/// <summary>Loading the user an administrator's request names, and the last-administrator rule.</summary>
public static class AdminTargets
{
    public const string LastAdministrator = "This is the last active administrator; make another administrator first.";

    /// <summary>The user, or a 404 for an unknown or malformed id.</summary>
    public static async Task<User> LoadAsync(this IUserRepository users, string id, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(id, cancellationToken) ?? throw new NotFoundException("No user has this id.");

    /// <summary>Refuses (409) a change that would leave no active administrator.</summary>
    public static async Task EnsureNotLastActiveAdminAsync(this IUserRepository users, User user, CancellationToken cancellationToken)
    {
        if (user.IsAdmin && !user.IsDisabled && await users.CountActiveAdminsAsync(cancellationToken) <= 1)
        {
            throw new ConflictException(LastAdministrator);
        }
    }
}
