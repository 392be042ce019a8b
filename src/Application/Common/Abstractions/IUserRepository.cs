using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Abstractions;

/// <summary>Where users are kept. Implementations throw <see cref="Exceptions.StorageUnavailableException"/> when the store cannot be reached.</summary>
public interface IUserRepository
{
    /// <summary>Stores a new user; false when another user already has the same normalized email.</summary>
    Task<bool> TryAddAsync(User user, CancellationToken cancellationToken);

    /// <summary>The user with this id, or null when there is none (a malformed id included).</summary>
    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the changes made to <paramref name="user"/> if nobody else changed it since it was read;
    /// throws <see cref="Exceptions.ConflictException"/> otherwise.
    /// </summary>
    Task UpdateAsync(User user, CancellationToken cancellationToken);

    /// <summary>A page of users ordered by creation, optionally those whose email contains <paramref name="emailContains"/> (any case).</summary>
    Task<UserPage> ListAsync(int skip, int take, string? emailContains, CancellationToken cancellationToken);

    /// <summary>How many users hold the admin role and are not disabled.</summary>
    Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken);

    /// <summary>Whether any user, disabled or not, holds the admin role.</summary>
    Task<bool> AnyAdminAsync(CancellationToken cancellationToken);
}

public sealed record UserPage(IReadOnlyList<User> Items, long TotalCount);
