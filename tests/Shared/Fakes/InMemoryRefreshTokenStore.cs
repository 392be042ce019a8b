using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="IRefreshTokenStore"/> keeping the port's contract: a family's state is one record, and a
/// rotation or revocation is decided under one lock, as each store decides it in one conditional write.
/// </summary>
public sealed class InMemoryRefreshTokenStore : IRefreshTokenStore
{
    private readonly Dictionary<string, StoredRefreshToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Family> _families = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Runs inside <see cref="TryRotateAsync"/> before the decision, e.g. to let a concurrent refresh or logout act first.</summary>
    public Action<StoredRefreshToken>? BeforeRotate { get; set; }

    /// <summary>Every token, as <see cref="FindByHashAsync"/> reports it (tokens of a family that was never started are left out).</summary>
    public IReadOnlyList<StoredRefreshToken> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _tokens.Values.Select(View).OfType<StoredRefreshToken>()];
            }
        }
    }

    public Task StartSessionAsync(StoredRefreshToken token, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _tokens.Add(token.TokenHash, token);
            _families.Add(Key(token.SessionId), new Family(
                token.UserId, token.SecurityStamp, token.CreatedAt, token.SessionExpiresAt, token.TokenHash, token.ExpiresAt, null, null, token.SignedInAt,
                token.UserAgent, token.ClientIp));
        }

        return Task.CompletedTask;
    }

    public Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_tokens.TryGetValue(tokenHash, out var token) ? View(token) : null);
        }
    }

    public Task<bool> TryRotateAsync(StoredRefreshToken spent, StoredRefreshToken next, CancellationToken cancellationToken)
    {
        BeforeRotate?.Invoke(spent);
        lock (_gate)
        {
            var now = next.CreatedAt;
            if (!_families.TryGetValue(Key(spent.SessionId), out var family) || family.CurrentHash != spent.TokenHash || family.RevokedAt is not null
                || family.CurrentExpiresAt <= now || family.ExpiresAt <= now)
            {
                return Task.FromResult(false);
            }

            _families[Key(spent.SessionId)] = family with { CurrentHash = next.TokenHash, CurrentExpiresAt = next.ExpiresAt, RotatedAt = now };
            _tokens[spent.TokenHash] = _tokens[spent.TokenHash] with { SpentAt = now };
            _tokens.Add(next.TokenHash, next);
            return Task.FromResult(true);
        }
    }

    public Task<bool> EndSessionAsync(UserId userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_families.TryGetValue(Key(sessionId), out var family) && family.UserId == userId && Revoke(Key(sessionId), now));
        }
    }

    public Task<IReadOnlyList<Session>> ListSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Session>>([.. _families
                .Where(f => f.Value.UserId == userId && f.Value.RevokedAt is null && f.Value.ExpiresAt > now && f.Value.CurrentExpiresAt > now)
                .OrderByDescending(f => f.Value.CreatedAt).ThenByDescending(f => f.Key, StringComparer.Ordinal)
                .Select(f => new Session(f.Key, f.Value.CreatedAt, f.Value.RotatedAt ?? f.Value.CreatedAt, f.Value.UserAgent, f.Value.ClientIp))]);
        }
    }

    /// <summary>Whether <paramref name="sessionId"/> is a session of <paramref name="userId"/> that has not ended: what the per-request read asks.</summary>
    public bool IsLive(UserId userId, string sessionId)
    {
        lock (_gate)
        {
            return _families.TryGetValue(Key(sessionId), out var family) && family.UserId == userId && family.RevokedAt is null;
        }
    }

    public Task EndAllSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var id in _families.Where(f => f.Value.UserId == userId).Select(f => f.Key).ToList())
            {
                Revoke(id, now);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Every family and token of the user goes (an erasure, ADR 0055).</summary>
    public void RemoveAll(UserId userId)
    {
        lock (_gate)
        {
            foreach (var family in _families.Where(f => f.Value.UserId == userId).Select(f => f.Key).ToList())
            {
                _families.Remove(family);
                foreach (var token in _tokens.Where(t => Key(t.Value.SessionId) == family).Select(t => t.Key).ToList())
                {
                    _tokens.Remove(token);
                }
            }
        }
    }

    private bool Revoke(string familyId, DateTimeOffset now)
    {
        if (!_families.TryGetValue(familyId, out var family) || family.RevokedAt is not null)
        {
            return false;
        }

        _families[familyId] = family with { RevokedAt = now };
        return true;
    }

    // Ids kept in the canonical lower-case form, as both stores keep them; one that is not an id stays as it is and matches nothing stored.
    private static string Key(string id) => ObjectIdText.Canonical(id) ?? id;

    private StoredRefreshToken? View(StoredRefreshToken token) => _families.TryGetValue(Key(token.SessionId), out var family)
        ? token with
        {
            UserId = family.UserId,
            SecurityStamp = family.SecurityStamp,
            SessionExpiresAt = family.ExpiresAt,
            SpentAt = token.TokenHash == family.CurrentHash ? null : token.SpentAt ?? family.RotatedAt ?? family.CreatedAt,
            RevokedAt = family.RevokedAt,
            SignedInAt = family.SignedInAt,
            UserAgent = family.UserAgent,
            ClientIp = family.ClientIp,
        }
        : null;

    private sealed record Family(
        UserId UserId, string SecurityStamp, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
        string CurrentHash, DateTimeOffset CurrentExpiresAt, DateTimeOffset? RotatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? SignedInAt,
        string? UserAgent, string? ClientIp);
}
