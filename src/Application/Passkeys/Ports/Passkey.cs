using System.Security.Cryptography;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Passkeys.Ports;

/// <summary>
/// A passkey as CleanAuth stores it (ADR 0058): the credential id and COSE public key the authenticator made, its
/// signature counter and backup flags (WebAuthn's BE/BS), the transports it named, the user handle it holds, and
/// the owner's name for it. Nothing here is a secret, but <see cref="ToString"/> leaves the key material out.
/// </summary>
public sealed record Passkey(
    string Id,
    UserId UserId,
    byte[] CredentialId,
    byte[] PublicKey,
    uint SignCount,
    bool BackupEligible,
    bool BackedUp,
    IReadOnlyList<string> Transports,
    byte[] UserHandle,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt)
{
    /// <summary>
    /// The id is derived from the credential id (the first 12 bytes of its SHA-256, as 24 hex digits like every other
    /// id): the store's primary key is then the "one account per credential id" rule, a single conditional insert
    /// that even a MongoDB-wire server without unique indexes enforces on <c>_id</c>.
    /// </summary>
    public static string IdOf(byte[] credentialId) => Convert.ToHexStringLower(SHA256.HashData(credentialId).AsSpan(0, 12));

    /// <summary>The user handle of a user's passkeys: the 12 bytes of the user's id (not personal data, as WebAuthn asks).</summary>
    public static byte[] HandleOf(UserId userId) => Convert.FromHexString(userId.Value);

    public override string ToString() => $"{nameof(Passkey)} {{ Id = {Id}, UserId = {UserId}, SignCount = {SignCount}, Name = {Name} }}";
}
