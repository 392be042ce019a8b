using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Passkeys.Ports;

/// <summary>
/// WebAuthn ceremonies begun and not yet finished (ADR 0058), kept in the store so that any instance can finish what
/// another began. A ceremony is consumed by one conditional write: of two finishes of one ceremony exactly one gets it.
/// </summary>
public interface IPasskeyCeremonies
{
    /// <summary>Stores a new ceremony, and may sweep those expired at <paramref name="now"/>.</summary>
    Task AddAsync(PasskeyCeremony ceremony, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Removes and returns the ceremony with this id when it is of <paramref name="kind"/>, was begun by
    /// <paramref name="userId"/> (null: anonymous) and has not expired at <paramref name="now"/>; null otherwise.
    /// </summary>
    Task<PasskeyCeremony?> TryConsumeAsync(string id, PasskeyCeremonyKind kind, UserId? userId, DateTimeOffset now, CancellationToken cancellationToken);
}

public enum PasskeyCeremonyKind
{
    Registration,
    SignIn,
}

/// <summary>A ceremony as stored: <see cref="Options"/> is the options JSON sent to the client, challenge included.</summary>
public sealed record PasskeyCeremony(string Id, PasskeyCeremonyKind Kind, UserId? UserId, string Options, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"{nameof(PasskeyCeremony)} {{ Id = {Id}, Kind = {Kind}, UserId = {UserId}, ExpiresAt = {ExpiresAt} }}";
}
