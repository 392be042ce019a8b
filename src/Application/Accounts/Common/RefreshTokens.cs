using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// Issues token pairs. A refresh token is 256 random bits in base64url; only its SHA-256 is stored
/// (a fast hash is enough for a secret with that much entropy: there is nothing to guess).
/// </summary>
public sealed class RefreshTokens(
    IRefreshTokenStore store,
    ITokenService accessTokens,
    IIdGenerator ids,
    IClientContext client,
    IOptions<RefreshTokenOptions> options,
    TimeProvider timeProvider)
{
    public const int TokenBytes = 32;

    /// <summary>Starts a new session for a sign-in that happens now (a login, a proven password) and returns the first pair.</summary>
    public Task<TokenPair> StartSessionAsync(User user, CancellationToken cancellationToken) =>
        StartSessionAsync(user, timeProvider.GetUtcNow(), cancellationToken);

    /// <summary>
    /// Starts a new session whose sign-in happened at <paramref name="signedInAt"/>: a session that replaces the
    /// caller's own without a new proof of who they are keeps the old sign-in time (null: never recent). The session
    /// keeps the request's user agent (capped by the request context) and client address, for its user to recognise it (ADR 0053).
    /// </summary>
    public async Task<TokenPair> StartSessionAsync(User user, DateTimeOffset? signedInAt, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var (token, stored) = NewToken(user, ids.NewId(), now + options.Value.AbsoluteLifetime, now, signedInAt);
        stored = stored with { UserAgent = client.UserAgent, ClientIp = client.ClientIp };
        await store.StartSessionAsync(stored, cancellationToken);
        return Pair(user, token, stored);
    }

    /// <summary>
    /// Rotates the session past <paramref name="spent"/> and returns the next pair; null when the rotation lost
    /// (another refresh spent the token first, or the session ended meanwhile). The session's sign-in time carries
    /// over: a refresh token, stolen or not, never makes a sign-in recent.
    /// </summary>
    public async Task<TokenPair?> TryContinueSessionAsync(User user, StoredRefreshToken spent, CancellationToken cancellationToken)
    {
        var (token, next) = NewToken(user, spent.SessionId, spent.SessionExpiresAt, timeProvider.GetUtcNow(), spent.SignedInAt);
        return await store.TryRotateAsync(spent, next, cancellationToken) ? Pair(user, token, next) : null;
    }

    /// <summary>The stored form of a presented token; null when it cannot be one of ours.</summary>
    public static string? HashOf(string? token)
    {
        if (token is null || token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    private (string Token, StoredRefreshToken Stored) NewToken(
        User user, string familyId, DateTimeOffset familyExpiresAt, DateTimeOffset now, DateTimeOffset? signedInAt)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var slidingEnd = now + options.Value.SlidingLifetime;
        // Stryker disable once Equality: equivalent, at equal instants either branch gives the same end.
        var expiresAt = slidingEnd < familyExpiresAt ? slidingEnd : familyExpiresAt;
        return (token, new StoredRefreshToken(ids.NewId(), HashOf(token)!, user.Id, familyId, user.SecurityStamp, now, expiresAt, familyExpiresAt, null, null, signedInAt));
    }

    private TokenPair Pair(User user, string token, StoredRefreshToken stored)
    {
        var access = accessTokens.IssueAccessToken(user, stored.SessionId, stored.SignedInAt);
        return new TokenPair("Bearer", access.Value, access.ExpiresInSeconds, token, (int)Math.Max(0, (stored.ExpiresAt - stored.CreatedAt).TotalSeconds));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
