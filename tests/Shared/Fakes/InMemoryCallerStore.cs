using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Fakes;

/// <summary>An in-memory <see cref="ICallerStore"/> over the other fakes: the user, their session's state and their second factor's.</summary>
public sealed class InMemoryCallerStore(InMemoryUserRepository users, InMemoryRefreshTokenStore sessions, InMemoryTwoFactorStore twoFactors) : ICallerStore
{
    public async Task<Caller?> FindAsync(UserId userId, string? sessionId, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(userId, cancellationToken) is { } user
            ? new Caller(user, sessionId is null || sessions.IsLive(userId, sessionId), await twoFactors.IsEnabledAsync(userId, cancellationToken))
            : null;
}
