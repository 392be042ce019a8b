using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Infrastructure.Security;

public sealed class JwtTokenService(IOptions<JwtOptions> options, JwtSigningKey signingKey, TimeProvider timeProvider) : ITokenService
{
    /// <summary>RFC 9068's type for access tokens; the validator accepts no other, so no other kind of token can pass as one.</summary>
    public const string AccessTokenType = "at+jwt";

    /// <summary>The claim carrying the user's security stamp at the time of issue.</summary>
    public const string SecurityStampClaim = "sst";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>OIDC's claim for the session the token belongs to; ending the session ends the token (ADR 0053).</summary>
    public const string SessionIdClaim = "sid";

    public AccessToken IssueAccessToken(User user, string sessionId, DateTimeOffset? authTime)
    {
        var jwt = options.Value;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = user.Id.Value,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            [SecurityStampClaim] = user.SecurityStamp,
            [SessionIdClaim] = sessionId,
        };
        if (authTime is { } signedInAt)
        {
            // OIDC's claim, in seconds since the epoch: when the sign-in that started this session happened (ADR 0047).
            claims[JwtRegisteredClaimNames.AuthTime] = signedInAt.ToUnixTimeSeconds();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Issuer,
            Audience = jwt.Audience,
            TokenType = AccessTokenType,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(jwt.AccessTokenLifetime),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey.Key, SecurityAlgorithms.HmacSha256),
        });
        return new AccessToken(token, (int)jwt.AccessTokenLifetime.TotalSeconds);
    }
}
