using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// Each user's second factor, kept apart from the user (ADR 0041): one record per user id. Every change that must
/// hold under concurrency (a time step accepted once, a recovery code spent once, a setup enabled once) is one
/// conditional write here, never a read followed by a write.
/// </summary>
public interface ITwoFactorStore
{
    /// <summary>The user's record, or null when they never began a setup (or it was disabled or reset since).</summary>
    Task<TwoFactorState?> FindAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="userIds"/> have a second factor enabled (for a page of the admin list).</summary>
    Task<IReadOnlySet<UserId>> EnabledAmongAsync(IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken);

    /// <summary>Stores a new pending secret, replacing an unfinished one; false, and nothing stored, while a second factor is enabled.</summary>
    Task<bool> TryBeginSetupAsync(UserId userId, string pendingSecret, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the pending secret <paramref name="pendingSecret"/> the enabled one, accepts <paramref name="step"/> as its
    /// first used time step and stores the recovery codes' hashes, in one conditional write; false when the pending
    /// secret is no longer that one (replaced, or enabled already by a concurrent request).
    /// </summary>
    Task<bool> TryEnableAsync(
        UserId userId, string pendingSecret, long step, IReadOnlyCollection<string> recoveryCodeHashes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Accepts the time step <paramref name="step"/> for the enabled secret when it is later than every step accepted
    /// before: one conditional write, so of two requests with one code exactly one wins.
    /// </summary>
    Task<bool> TryAcceptStepAsync(UserId userId, long step, CancellationToken cancellationToken);

    /// <summary>Spends the recovery code with this hash, in one conditional write; false when it is not (or no longer) there.</summary>
    Task<bool> TrySpendRecoveryCodeAsync(UserId userId, string codeHash, CancellationToken cancellationToken);

    /// <summary>Replaces every recovery code of an enabled second factor; false when none is enabled.</summary>
    Task<bool> TryReplaceRecoveryCodesAsync(UserId userId, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken);

    /// <summary>Removes the record (enabled or pending); true when a second factor was enabled.</summary>
    Task<bool> RemoveAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>
    /// A stored secret, enabled or pending, that starts with none of <paramref name="prefixes"/>, or null. With the
    /// prefixes of the configured keys it finds a secret no key can open: the key check at start (ADR 0048).
    /// </summary>
    Task<string?> FindSecretWithoutPrefixAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken);
}

public static class TwoFactorStoreExtensions
{
    public static async Task<bool> IsEnabledAsync(this ITwoFactorStore store, UserId userId, CancellationToken cancellationToken) =>
        await store.FindAsync(userId, cancellationToken) is { IsEnabled: true };
}

/// <summary>A user's second factor as stored. Secrets are ciphertexts (<c>ISecretProtector</c>), codes SHA-256 hashes.</summary>
public sealed record TwoFactorState(
    UserId UserId,
    string? Secret,
    string? PendingSecret,
    DateTimeOffset? EnabledAt,
    long? LastStep,
    IReadOnlyList<string> RecoveryCodeHashes)
{
    public bool IsEnabled => EnabledAt is not null && Secret is not null;

    // Keeps the ciphertexts and hashes out of anything that prints the record.
    public override string ToString() => $"{nameof(TwoFactorState)} {{ UserId = {UserId}, EnabledAt = {EnabledAt}, LastStep = {LastStep} }}";
}
