using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.Refresh;

public sealed record RefreshCommand(string RefreshToken) : IRequest<TokenPair>
{
    public override string ToString() => nameof(RefreshCommand);
}

/// <summary>
/// Rotates a refresh token: the family moves from the presented token to a new one in one conditional write
/// (so two concurrent refreshes with one token cannot both win, and none wins after a revocation). A token
/// the family has moved past, presented again, means it was stolen or replayed: the whole family is revoked.
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
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.SessionExpiresAt <= now)
        {
            throw Invalid();
        }

        if (token.SpentAt is not null)
        {
            throw await ReuseAsync(token, now, cancellationToken);
        }

        // The stamp check ends families that a password change, logout-all or disable made stale, even if
        // their revocation was lost (a crash between the user's write and the families').
        var user = await users.FindByIdAsync(token.UserId, cancellationToken);
        if (user is null || user.IsDisabled || !string.Equals(user.SecurityStamp, token.SecurityStamp, StringComparison.Ordinal))
        {
            await store.EndSessionAsync(token.UserId, token.SessionId, now, cancellationToken);
            throw Invalid();
        }

        // Losing the rotation means a concurrent refresh spent this token first (reuse) or the family was
        // revoked meanwhile (then there is nothing left to revoke, and no reuse is reported).
        return await refreshTokens.TryContinueSessionAsync(user, token, cancellationToken)
            ?? throw await ReuseAsync(token, now, cancellationToken);
    }

    private async Task<UnauthorizedException> ReuseAsync(StoredRefreshToken token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await store.EndSessionAsync(token.UserId, token.SessionId, now, cancellationToken))
        {
            events.RefreshTokenReuseDetected(token.UserId, token.SessionId);
        }

        return Invalid();
    }

    private static UnauthorizedException Invalid() => new(InvalidRefreshToken);
}
