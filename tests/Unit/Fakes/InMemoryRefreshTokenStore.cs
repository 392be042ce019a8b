using CleanAuth.Application.Common.Abstractions;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>An in-memory <see cref="IRefreshTokenStore"/> keeping the port's contract, including the atomic spend.</summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly Dictionary<string, StoredRefreshToken> _byId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs inside <see cref="TrySpendAsync"/> before the check, e.g. to let a concurrent refresh win first.</summary>
    public Action<string>? BeforeSpend { get; set; }

    public IReadOnlyList<StoredRefreshToken> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _byId.Values];
            }
        }
    }

    public Task AddAsync(StoredRefreshToken token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _byId.Add(token.Id, token);
        }

        return Task.CompletedTask;
    }

    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_byId.Values.SingleOrDefault(t => t.TokenHash == tokenHash));
        }
    }

    public Task<bool> TrySpendAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        BeforeSpend?.Invoke(id);
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var token) || token.SpentAt is not null || token.RevokedAt is not null)
            {
                return Task.FromResult(false);
            }

            _byId[id] = token with { SpentAt = now };
            return Task.FromResult(true);
        }
    }

    public Task RevokeFamilyAsync(string familyId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(t => t.FamilyId == familyId, now);

    public Task RevokeAllForUserAsync(string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Revoke(t => t.UserId == userId, now);

    /// <summary>Marks a token spent directly (test arrangement), as a concurrent refresh would.</summary>
    public void Spend(string id, DateTimeOffset now)
    {
        lock (_gate)
        {
            _byId[id] = _byId[id] with { SpentAt = now };
        }
    }

    private Task Revoke(Func<StoredRefreshToken, bool> match, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var token in _byId.Values.Where(t => match(t) && t.RevokedAt is null).ToList())
            {
                _byId[token.Id] = token with { RevokedAt = now };
            }
        }

        return Task.CompletedTask;
    }
}
