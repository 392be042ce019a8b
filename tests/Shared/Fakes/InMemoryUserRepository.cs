using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IUserRepository"/> that keeps the port's contract: unique normalized email,
/// null for unknown ids, optimistic updates that leave the sign-in state alone, the guarded removal of an
/// active administrator and the atomic sign-in reservation (each decided under one lock, as the stores
/// decide each in one write). It stores and hands out copies, so a change a handler makes to a user is only
/// visible to later reads once it went through <see cref="UpdateAsync"/>.
/// </summary>
public sealed class InMemoryUserRepository : IUserRepository
{
    private readonly Dictionary<UserId, User> _byId = [];
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

    public Task<User?> FindByIdAsync(UserId id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            FindByIdCalls++;
            return Task.FromResult(_byId.TryGetValue(id, out var stored) ? Copy(stored, stored.Version) : null);
        }
    }

    public Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = EmailAddress.Normalize(email);
        lock (_gate)
        {
            var stored = _byId.Values.SingleOrDefault(u => u.NormalizedEmail == normalized);
            return Task.FromResult(stored is null ? null : Copy(stored, stored.Version));
        }
    }

    public Task UpdateAsync(User user, CancellationToken cancellationToken)
    {
        if (user.StoredAsActiveAdmin && !user.IsActiveAdmin)
        {
            throw new InvalidOperationException("Taking an active administrator away goes through TryUpdateRemovingActiveAdminAsync.");
        }

        BeforeUpdate?.Invoke(user);
        lock (_gate)
        {
            UpdateCalls++;
            Write(user);
        }

        user.MarkSaved();
        return Task.CompletedTask;
    }

    public Task<bool> TryUpdateRemovingActiveAdminAsync(User user, CancellationToken cancellationToken)
    {
        if (!user.StoredAsActiveAdmin || user.IsActiveAdmin)
        {
            throw new InvalidOperationException("Only for a change that takes an active administrator away.");
        }

        BeforeUpdate?.Invoke(user);
        lock (_gate)
        {
            UpdateCalls++;
            if (!_byId.Values.Any(u => u.Id != user.Id && u.IsActiveAdmin))
            {
                return Task.FromResult(false);
            }

            Write(user);
        }

        user.MarkSaved();
        return Task.FromResult(true);
    }

    public Task<SignInReservation> ReserveSignInAttemptAsync(
        UserId userId, DateTimeOffset now, int maxFailedAttempts, TimeSpan lockoutDuration, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(userId, out var stored) || stored.LockoutEnd > now)
            {
                return Task.FromResult(SignInReservation.Refused);
            }

            // A lock that has ended starts a new window; the reservation that spends the budget sets the lock.
            var count = stored.LockoutEnd is null ? stored.FailedLoginCount + 1 : 1;
            var last = count >= maxFailedAttempts;
            _byId[userId] = Copy(stored, stored.Version, count, last ? Millis(now + lockoutDuration) : null, stored.LastLoginAt);
            return Task.FromResult(last ? SignInReservation.ReservedLast : SignInReservation.Reserved);
        }
    }

    public Task RecordSignInSuccessAsync(UserId userId, DateTimeOffset? lastLoginAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(userId, out var stored))
            {
                _byId[userId] = Copy(stored, stored.Version, 0, null, lastLoginAt is { } at ? Millis(at) : stored.LastLoginAt);
            }
        }

        return Task.CompletedTask;
    }

    public Task ReplacePasswordHashAsync(UserId userId, string expectedHash, string newHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(userId, out var stored) && stored.PasswordHash == expectedHash)
            {
                stored.ReplacePasswordHash(newHash, stored.UpdatedAt);
            }
        }

        return Task.CompletedTask;
    }

    public Task MarkEmailConfirmedAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_byId.TryGetValue(userId, out var stored))
            {
                _byId[userId] = Copy(stored, stored.Version, stored.FailedLoginCount, stored.LockoutEnd, stored.LastLoginAt, emailConfirmed: true);
            }
        }

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
    public User? Stored(UserId id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var stored) ? Copy(stored, stored.Version) : null;
        }
    }

    /// <summary>Acts as another request that saved the user in the meantime: the stored version moves on.</summary>
    public void SimulateConcurrentWrite(UserId id, Action<User>? change = null)
    {
        lock (_gate)
        {
            var stored = Copy(_byId[id], _byId[id].Version);
            change?.Invoke(stored);
            _byId[id] = Copy(stored, stored.Version + 1);
        }
    }

    public Task<PagedList<User>> ListAsync(int page, int pageSize, string? emailContains, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var matching = _byId.Values
                .Where(u => emailContains is null || u.NormalizedEmail.Contains(EmailAddress.Normalize(emailContains), StringComparison.Ordinal))
                .OrderBy(u => u.Id.Value, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(new PagedList<User>([.. matching.Skip((int)Math.Min(PagedList.Skip(page, pageSize), int.MaxValue)).Take(pageSize).Select(u => Copy(u, u.Version))], page, pageSize, matching.Count));
        }
    }

    public Task<long> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_byId.Values.Count(u => u.IsAdmin && !u.IsDisabled));
        }
    }

    // Under the lock: the optimistic check, then every field but the sign-in state, which only the sign-in operations change.
    private void Write(User user)
    {
        if (!_byId.TryGetValue(user.Id, out var stored) || stored.Version != user.Version)
        {
            throw new AccountChangedException();
        }

        _byId[user.Id] = Copy(user, user.Version + 1, stored.FailedLoginCount, stored.LockoutEnd, stored.LastLoginAt, stored.EmailConfirmed);
        SuccessfulUpdates++;
    }

    private static DateTimeOffset Millis(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static User Copy(User user, long version) => Copy(user, version, user.FailedLoginCount, user.LockoutEnd, user.LastLoginAt);

    private static User Copy(User user, long version, int failedLoginCount, DateTimeOffset? lockoutEnd, DateTimeOffset? lastLoginAt, bool? emailConfirmed = null) => new(
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
        lastLoginAt,
        failedLoginCount,
        lockoutEnd,
        emailConfirmed ?? user.EmailConfirmed);
}
