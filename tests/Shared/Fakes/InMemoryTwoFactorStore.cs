using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>
/// An in-memory <see cref="ITwoFactorStore"/> keeping the port's contract: each change is decided under one lock, as
/// each store decides it in one conditional write.
/// </summary>
public sealed class InMemoryTwoFactorStore : ITwoFactorStore
{
    private readonly Dictionary<UserId, TwoFactorState> _states = [];
    private readonly Lock _gate = new();

    public Task<TwoFactorState?> FindAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_states.GetValueOrDefault(userId));
        }
    }

    public Task<IReadOnlySet<UserId>> EnabledAmongAsync(IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<UserId>>(userIds.Where(id => _states.GetValueOrDefault(id) is { IsEnabled: true }).ToHashSet());
        }
    }

    public Task<bool> TryBeginSetupAsync(UserId userId, string pendingSecret, CancellationToken cancellationToken) =>
        Change(userId, s => s is { IsEnabled: true } ? null : (s ?? new TwoFactorState(userId, null, null, null, null, [])) with { PendingSecret = pendingSecret });

    public Task<bool> TryEnableAsync(
        UserId userId, string pendingSecret, long step, IReadOnlyCollection<string> recoveryCodeHashes, DateTimeOffset now, CancellationToken cancellationToken) =>
        Change(userId, s => s is { IsEnabled: false } && s.PendingSecret == pendingSecret
            ? s with { Secret = pendingSecret, PendingSecret = null, EnabledAt = Milliseconds(now), LastStep = step, RecoveryCodeHashes = [.. recoveryCodeHashes] }
            : null);

    public Task<bool> TryAcceptStepAsync(UserId userId, long step, CancellationToken cancellationToken) =>
        Change(userId, s => s is { IsEnabled: true } && (s.LastStep is null || s.LastStep < step) ? s with { LastStep = step } : null);

    public Task<bool> TrySpendRecoveryCodeAsync(UserId userId, string codeHash, CancellationToken cancellationToken) =>
        Change(userId, s => s is { IsEnabled: true } && s.RecoveryCodeHashes.Contains(codeHash)
            ? s with { RecoveryCodeHashes = [.. s.RecoveryCodeHashes.Where(h => h != codeHash)] }
            : null);

    public Task<bool> TryReplaceRecoveryCodesAsync(UserId userId, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken) =>
        Change(userId, s => s is { IsEnabled: true } ? s with { RecoveryCodeHashes = [.. codeHashes] } : null);

    public Task<bool> RemoveAsync(UserId userId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var wasEnabled = _states.GetValueOrDefault(userId) is { IsEnabled: true };
            _states.Remove(userId);
            return Task.FromResult(wasEnabled);
        }
    }

    public Task<string?> FindSecretWithoutPrefixAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_states.Values.SelectMany(s => new[] { s.Secret, s.PendingSecret })
                .FirstOrDefault(secret => secret is not null && !prefixes.Any(p => secret.StartsWith(p, StringComparison.Ordinal))));
        }
    }

    // The change maps the current state (null: none) to the new one, or to null when its condition does not hold.
    private Task<bool> Change(UserId userId, Func<TwoFactorState?, TwoFactorState?> change)
    {
        lock (_gate)
        {
            if (change(_states.GetValueOrDefault(userId)) is not { } next)
            {
                return Task.FromResult(false);
            }

            _states[userId] = next;
            return Task.FromResult(true);
        }
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
