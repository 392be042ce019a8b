using CleanAuth.Application.Passkeys.Ports;

namespace CleanAuth.Application.Passkeys.Common;

/// <summary>What the owner sees of a passkey: no key material.</summary>
public sealed record PasskeyInfo(string Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool BackedUp)
{
    public static PasskeyInfo From(Passkey passkey) => new(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt, passkey.BackedUp);
}
