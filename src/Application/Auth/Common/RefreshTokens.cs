using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Auth.Common;

/// <summary>
/// Issues token pairs. A refresh token is 256 random bits in base64url; only its SHA-256 is stored
/// (a fast hash is enough for a secret with that much entropy: there is nothing to guess).
/// </summary>
public sealed class RefreshTokens(
    IRefreshTokenStore store,
    ITokenService accessTokens,
    IIdGenerator ids,
    IOptions<RefreshTokenOptions> options,
    TimeProvider timeProvider)
{
    public const int TokenBytes = 32;

    /// <summary>Starts a new family (a login) and returns the first pair.</summary>
    public Task<TokenPair> StartFamilyAsync(User user, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return IssueAsync(user, ids.NewId(), now + options.Value.AbsoluteLifetime, now, cancellationToken);
    }

    /// <summary>Continues a family after its previous token was spent.</summary>
    public Task<TokenPair> ContinueFamilyAsync(User user, StoredRefreshToken spent, CancellationToken cancellationToken) =>
        IssueAsync(user, spent.FamilyId, spent.FamilyExpiresAt, timeProvider.GetUtcNow(), cancellationToken);

    /// <summary>The stored form of a presented token; null when it cannot be one of ours.</summary>
    public static string? HashOf(string? token)
    {
        if (token is null || token.Length != 43 || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
    }

    private async Task<TokenPair> IssueAsync(User user, string familyId, DateTimeOffset familyExpiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));
        var slidingEnd = now + options.Value.SlidingLifetime;
        var expiresAt = slidingEnd < familyExpiresAt ? slidingEnd : familyExpiresAt;
        await store.AddAsync(
            new StoredRefreshToken(ids.NewId(), HashOf(token)!, user.Id, familyId, user.SecurityStamp, now, expiresAt, familyExpiresAt, null, null),
            cancellationToken);

        var access = accessTokens.IssueAccessToken(user);
        return new TokenPair("Bearer", access.Value, access.ExpiresInSeconds, token, (int)Math.Max(0, (expiresAt - now).TotalSeconds));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
