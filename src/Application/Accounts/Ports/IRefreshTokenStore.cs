using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
namespace CleanAuth.Application.Accounts.Ports;

/// <summary>
/// One issued refresh token as the store reports it: the token's own facts (only the SHA-256 of the token,
/// never the token) joined with the state of its session (<see cref="SessionId"/>) — every token descended from one
/// sign-in belongs to one session, and the session lives and dies as a whole.
/// </summary>
/// <param name="Id">The token's id.</param>
/// <param name="TokenHash">SHA-256 (hex) of the token.</param>
/// <param name="UserId">The family's user.</param>
/// <param name="SessionId">The session (one sign-in and every token rotated from it); access tokens carry it as <c>sid</c>.</param>
/// <param name="SecurityStamp">The user's security stamp when the session started (the sign-in).</param>
/// <param name="CreatedAt">When the token was issued.</param>
/// <param name="ExpiresAt">This token's own sliding end.</param>
/// <param name="SessionExpiresAt">The session's absolute end.</param>
/// <param name="SpentAt">Set once the session has rotated past this token: it is no longer the session's current token.</param>
/// <param name="RevokedAt">When the session ended (logout, ended by its user, reuse, password change, disable).</param>
/// <param name="SignedInAt">
/// When the sign-in that started the family happened: the access tokens' <c>auth_time</c>, kept by every rotation.
/// Null for sessions started before it was kept (ADR 0047).
/// </param>
/// <param name="UserAgent">The sign-in's <c>User-Agent</c>, capped (<see cref="CleanAuth.Application.Common.Abstractions.ClientContextRules.MaxUserAgentLength"/>); null for sessions from before ADR 0053.</param>
/// <param name="ClientIp">The sign-in's client address as the API sees it; null for sessions from before ADR 0053.</param>
public sealed record StoredRefreshToken(
    string Id,
    string TokenHash,
    UserId UserId,
    string SessionId,
    string SecurityStamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset SessionExpiresAt,
    DateTimeOffset? SpentAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? SignedInAt = null,
    string? UserAgent = null,
    string? ClientIp = null);

/// <summary>A live session as its user sees it (ADR 0053).</summary>
/// <param name="Id">The session id (the access tokens' <c>sid</c>).</param>
/// <param name="CreatedAt">When the sign-in started it.</param>
/// <param name="LastUsedAt">Its latest refresh, moved in the same conditional write as the rotation; the start if never refreshed.</param>
/// <param name="UserAgent">The sign-in's user agent, capped; null for sessions from before ADR 0053.</param>
/// <param name="ClientIp">The sign-in's client address; null for sessions from before ADR 0053.</param>
public sealed record Session(string Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? UserAgent, string? ClientIp);

/// <summary>
/// Where sessions and their refresh tokens are kept. A session's state — which token is current, whether it has
/// ended — is one record, and every change of it is one conditional write of that record, so no interleaving of a
/// rotation with an end can leave a live token in an ended session (ADR 0032, 0053). Implementations throw
/// <see cref="StorageUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IRefreshTokenStore
{
    /// <summary>Starts a session (a sign-in) whose current token is <paramref name="token"/>, keeping its sign-in time, user agent and address.</summary>
    Task StartSessionAsync(StoredRefreshToken token, CancellationToken cancellationToken);

    /// <summary>The token with this hash and its session's state, or null (unknown, or its session is gone).</summary>
    Task<StoredRefreshToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Makes <paramref name="next"/> the session's current token in place of <paramref name="spent"/> and moves its
    /// last use to <c>next.CreatedAt</c>, as one conditional write: only while <paramref name="spent"/> is still its
    /// current token, the session has not ended and neither has expired at <c>next.CreatedAt</c>. True when this call
    /// rotated it; of concurrent calls with one token at most one gets true, and none after the session ended.
    /// </summary>
    Task<bool> TryRotateAsync(StoredRefreshToken spent, StoredRefreshToken next, CancellationToken cancellationToken);

    /// <summary>
    /// Ends the session <paramref name="sessionId"/> of <paramref name="userId"/> (one conditional write of its state):
    /// its refresh tokens at once, and its access tokens through the per-request check. True when this call ended it;
    /// false when it had ended already, belongs to another user or is unknown.
    /// </summary>
    Task<bool> EndSessionAsync(UserId userId, string sessionId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends every session of the user that has not ended yet.</summary>
    Task EndAllSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The user's live sessions at <paramref name="now"/> (not ended, neither end reached), newest first.</summary>
    Task<IReadOnlyList<Session>> ListSessionsAsync(UserId userId, DateTimeOffset now, CancellationToken cancellationToken);
}
