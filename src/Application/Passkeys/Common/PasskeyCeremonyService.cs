using System.Security.Cryptography;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Passkeys.Common;

/// <summary>
/// Begins and consumes ceremonies (ADR 0058). A ceremony's id is 96 random bits (as 24 hex digits, the shape of every
/// id here): not a secret, but nobody can finish, or spend, a ceremony they did not begin by guessing its id.
/// </summary>
public sealed class PasskeyCeremonyService(IPasskeyCeremonies store, IOptions<PasskeyOptions> options, TimeProvider timeProvider)
{
    public async Task<CeremonyStarted> BeginAsync(PasskeyCeremonyKind kind, UserId? userId, string publicKey, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var now = timeProvider.GetUtcNow();
        await store.AddAsync(new PasskeyCeremony(id, kind, userId, publicKey, now + options.Value.CeremonyLifetime), now, cancellationToken);
        return new CeremonyStarted(id, publicKey);
    }

    /// <summary>The ceremony's options JSON, the ceremony spent by this call; null when it is not there to spend (see <see cref="IPasskeyCeremonies.TryConsumeAsync"/>).</summary>
    public async Task<string?> TryConsumeAsync(string id, PasskeyCeremonyKind kind, UserId? userId, CancellationToken cancellationToken) =>
        (await store.TryConsumeAsync(id, kind, userId, timeProvider.GetUtcNow(), cancellationToken))?.Options;
}

/// <summary>A begun ceremony: its id, to send back with the answer, and WebAuthn's options JSON for the browser.</summary>
public sealed record CeremonyStarted(string CeremonyId, string PublicKey);
