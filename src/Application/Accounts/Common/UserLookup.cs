using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>Loading the user an administrator's request names by id.</summary>
public static class UserLookup
{
    /// <summary>The user, or a 404 for an unknown or malformed id.</summary>
    public static async Task<User> LoadAsync(this IUserRepository users, string id, CancellationToken cancellationToken) =>
        (UserId.TryParse(id, out var userId) ? await users.FindByIdAsync(userId, cancellationToken) : null)
            ?? throw new NotFoundException("No user has this id.");
}
