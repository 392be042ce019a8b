using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Passkeys.Ports;

/// <summary>
/// Each account's passkeys (ADR 0058). A credential id belongs to one account only: <see cref="TryAddAsync"/> is one
/// conditional write keyed by it. The signature counter moves by one conditional write too (<see cref="TryRecordUseAsync"/>).
/// </summary>
public interface IPasskeyStore
{
    /// <summary>Stores a new passkey; false, and nothing stored, when its credential id is stored already (for any account).</summary>
    Task<bool> TryAddAsync(Passkey passkey, CancellationToken cancellationToken);

    /// <summary>The user's passkeys, oldest first.</summary>
    Task<IReadOnlyList<Passkey>> ListAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>The user's passkey with this id; null for another account's or an unknown one.</summary>
    Task<Passkey?> FindAsync(UserId userId, string id, CancellationToken cancellationToken);

    /// <summary>The passkey with this credential id, whoever owns it.</summary>
    Task<Passkey?> FindByCredentialIdAsync(byte[] credentialId, CancellationToken cancellationToken);

    /// <summary>Renames the user's passkey; false when the user has none with this id.</summary>
    Task<bool> TryRenameAsync(UserId userId, string id, string name, CancellationToken cancellationToken);

    /// <summary>Removes the user's passkey; false when the user has none with this id.</summary>
    Task<bool> RemoveAsync(UserId userId, string id, CancellationToken cancellationToken);

    /// <summary>Removes every passkey of the user; returns how many there were.</summary>
    Task<int> RemoveAllAsync(UserId userId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a sign-in with the passkey, in one conditional write: the stored counter must be below
    /// <paramref name="signCount"/>, or both zero (an authenticator that does not count); false otherwise, and nothing written.
    /// </summary>
    Task<bool> TryRecordUseAsync(string id, uint signCount, bool backedUp, DateTimeOffset now, CancellationToken cancellationToken);
}
