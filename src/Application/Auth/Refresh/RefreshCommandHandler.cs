using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Auth.Refresh;

/// <summary>
/// Rotates a refresh token: the presented one is spent (atomically, so two concurrent refreshes with it
/// cannot both win) and a new one of the same family is issued. A spent token presented again means
/// it was stolen or replayed: the whole family is revoked.
/// </summary>
public sealed class RefreshCommandHandler(
    IRefreshTokenStore store,
    IUserRepository users,
    RefreshTokens refreshTokens,
    SecurityEvents events,
    TimeProvider timeProvider) : IRequestHandler<RefreshCommand, TokenPair>
{
    // Expired, revoked, reused, unknown and malformed tokens all get this one answer.
    internal const string InvalidRefreshToken = "The refresh token is invalid or expired.";

    public async Task<TokenPair> Handle(RefreshCommand request, CancellationToken cancellationToken)
    {
        var hash = RefreshTokens.HashOf(request.RefreshToken);
        var token = hash is null ? null : await store.FindByHashAsync(hash, cancellationToken);
        var now = timeProvider.GetUtcNow();
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.FamilyExpiresAt <= now)
        {
            throw Invalid();
        }

        if (token.SpentAt is not null || !await store.TrySpendAsync(token.Id, now, cancellationToken))
        {
            await store.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
            events.RefreshTokenReuseDetected(token.UserId, token.FamilyId);
            throw Invalid();
        }

        // The stamp check ends families that a password change, logout-all or disable made stale,
        // even one that a concurrent refresh extended while they were being revoked.
        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        if (user is null || user.IsDisabled || !string.Equals(user.SecurityStamp, token.SecurityStamp, StringComparison.Ordinal))
        {
            await store.RevokeFamilyAsync(token.FamilyId, now, cancellationToken);
            throw Invalid();
        }

        return await refreshTokens.ContinueFamilyAsync(user, token, cancellationToken);
    }

    private static UnauthorizedException Invalid() => new(InvalidRefreshToken);
}
