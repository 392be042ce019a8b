using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="IPasskeyStore"/> keeping the port's contract: each change decided under one lock, as each store decides it in one conditional write.</summary>
public sealed class InMemoryPasskeyStore : IPasskeyStore
{
    private readonly Dictionary<string, Passkey> _passkeys = [];
    private readonly Lock _gate = new();

    public Task<bool> TryAddAsync(Passkey passkey, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_passkeys.Values.Any(p => p.CredentialId.AsSpan().SequenceEqual(passkey.CredentialId)))
            {
                return Task.FromResult(false);
            }

            return Task.FromResult(_passkeys.TryAdd(passkey.Id, passkey with { CreatedAt = Milliseconds(passkey.CreatedAt) }));
        }
    }

    public Task<IReadOnlyList<Passkey>> ListAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Passkey>>([.. _passkeys.Values.Where(p => p.UserId == userId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<Passkey?> FindAsync(UserId userId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_passkeys.GetValueOrDefault(id) is { } p && p.UserId == userId ? p : null);
        }
    }

    public Task<Passkey?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_passkeys.Values.FirstOrDefault(p => p.CredentialId.AsSpan().SequenceEqual(credentialId)));
        }
    }

    public Task<bool> TryRenameAsync(UserId userId, string id, string name, CancellationToken cancellationToken) =>
        Change(id, p => p.UserId == userId ? p with { Name = name } : null);

    public Task<bool> RemoveAsync(UserId userId, string id, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_passkeys.GetValueOrDefault(id) is { } p && p.UserId == userId && _passkeys.Remove(id));
        }
    }

    public Task<int> RemoveAllAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var mine = _passkeys.Values.Where(p => p.UserId == userId).Select(p => p.Id).ToList();
            mine.ForEach(id => _passkeys.Remove(id));
            return Task.FromResult(mine.Count);
        }
    }

    public Task<bool> TryRecordUseAsync(string id, uint signCount, bool backedUp, DateTimeOffset now, CancellationToken cancellationToken) =>
        Change(id, p => p.SignCount < signCount || (p.SignCount == 0 && signCount == 0)
            ? p with { SignCount = signCount, BackedUp = backedUp, LastUsedAt = Milliseconds(now) }
            : null);

    private Task<bool> Change(string id, Func<Passkey, Passkey?> change)
    {
        lock (_gate)
        {
            if (_passkeys.GetValueOrDefault(id) is not { } current || change(current) is not { } next)
            {
                return Task.FromResult(false);
            }

            _passkeys[id] = next;
            return Task.FromResult(true);
        }
    }

    // As both stores keep instants: to the millisecond.
    private static DateTimeOffset Milliseconds(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
