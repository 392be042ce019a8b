using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// A two-factor key that cannot open the stored secrets is a configuration error, not a wrong code (ADR 0048): every
/// two-factor user would be told their correct code is wrong. A ciphertext names the key that sealed it, so the
/// store is asked for a secret that no configured key sealed. The embedded store is asked at start
/// (<see cref="RunsAtStart"/>), MongoDB, which may be down then (ADR 0015), at the first contact
/// (<see cref="TwoFactorKeyCheckTask"/>).
/// </summary>
public sealed class TwoFactorKeyCheck(ITwoFactorStore store, AesGcmSecretProtector protector, bool runsAtStart)
{
    public bool RunsAtStart => runsAtStart;

    /// <summary>Throws <see cref="TwoFactorKeyMismatchException"/>, naming the key ids and what to do, when a stored secret opens with no configured key.</summary>
    public async Task EnsureKeysOpenStoredSecretsAsync(CancellationToken cancellationToken)
    {
        if (await store.FindSecretWithoutPrefixAsync(protector.SealPrefixes, cancellationToken) is { } stray)
        {
            throw new TwoFactorKeyMismatchException(
                $"The stored two-factor secrets include some sealed with key id {AesGcmSecretProtector.KeyIdOf(stray) ?? "(unknown format)"}, which no configured key opens " +
                $"(TwoFactor:EncryptionKey is key id {protector.EncryptionKeyId}). Set TwoFactor:EncryptionKey to the key they were sealed with, or list that key " +
                "under TwoFactor:DecryptionKeys; or, if this is another environment's data, point Storage:DataPath (or ConnectionStrings:Mongo) at this environment's own.");
        }
    }
}

/// <summary>The configured two-factor keys cannot open the stored secrets; the message names the key ids, never a key.</summary>
public sealed class TwoFactorKeyMismatchException(string message) : InvalidOperationException(message);
