using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>
/// An in-memory <see cref="IUserRepository"/> that keeps the port's contract: unique normalized email,
/// null for unknown ids, optimistic updates. It stores and hands out copies, so a change a handler makes
/// to a user is only visible to later reads once it went through <see cref="UpdateAsync"/>.
/// </summary>
public sealed class InMemoryUserRepository : IUserRepository
{
    private readonly Dictionary<string, User> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs inside <see cref="UpdateAsync"/> before the version check, e.g. to simulate a concurrent writer.</summary>
    public Action<User>? BeforeUpdate { get; set; }

    public int FindByIdCalls { get; private set; }

    public int UpdateCalls { get; private set; }

    public int SuccessfulUpdates { get; private set; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byId.Count;
            }
        }
    }

    public Task<bool> TryAddAsync(User user, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.ContainsKey(user.Id) || _byId.Values.Any(u => u.NormalizedEmail == user.NormalizedEmail))
            {
                return Task.FromResult(false);
            }

            _byId[user.Id] = Copy(user, user.Version);
            return Task.FromResult(true);
        }
    }

    public Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            FindByIdCalls++;
            return Task.FromResult(id is not null && _byId.TryGetValue(id, out var stored) ? Copy(stored, stored.Version) : null);
        }
    }

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = User.NormalizeEmail(email);
        lock (_gate)
        {
            var stored = _byId.Values.SingleOrDefault(u => u.NormalizedEmail == normalized);
            return Task.FromResult(stored is null ? null : Copy(stored, stored.Version));
        }
    }

    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        UpdateCalls++;
        BeforeUpdate?.Invoke(user);
        lock (_gate)
        {
            if (!_byId.TryGetValue(user.Id, out var stored) || stored.Version != user.Version)
            {
                throw new ConflictException("The account was changed by another request; retry.");
            }

            _byId[user.Id] = Copy(user, user.Version + 1);
            SuccessfulUpdates++;
        }

        user.MarkSaved();
        return Task.CompletedTask;
    }

    /// <summary>Stores a user directly (test arrangement), bypassing the uniqueness check.</summary>
    public User Seed(User user)
    {
        lock (_gate)
        {
            _byId[user.Id] = Copy(user, user.Version);
        }

        return user;
    }

    /// <summary>A copy of what is stored now, or null.</summary>
    public User? Stored(string id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var stored) ? Copy(stored, stored.Version) : null;
        }
    }

    /// <summary>Acts as another request that saved the user in the meantime: the stored version moves on.</summary>
    public void SimulateConcurrentWrite(string id, Action<User>? change = null)
    {
        lock (_gate)
        {
            var stored = Copy(_byId[id], _byId[id].Version);
            change?.Invoke(stored);
            _byId[id] = Copy(stored, stored.Version + 1);
        }
    }

    public Task<UserPage> ListAsync(int skip, int take, string? emailContains, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = _byId.Values
                .Where(u => emailContains is null || u.NormalizedEmail.Contains(User.NormalizeEmail(emailContains), StringComparison.Ordinal))
                .OrderBy(u => u.Id, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new UserPage([.. matching.Skip(skip).Take(take).Select(u => Copy(u, u.Version))], matching.Count));
        }
    }

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_byId.Values.Count(u => u.IsAdmin && !u.IsDisabled));
        }
    }

    public Task<bool> AnyAdminAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.Values.Any(u => u.IsAdmin));
        }
    }

    private static User Copy(User user, long version) => new(
        user.Id,
        user.Name,
        user.Email,
        user.PasswordHash,
        user.SecurityStamp,
        [.. user.Roles],
        user.IsDisabled,
        user.CreatedAt,
        user.UpdatedAt,
        version,
        user.LastLoginAt,
        user.FailedLoginCount,
        user.LockoutEnd);
}
