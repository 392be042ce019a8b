using CleanAuth.Infrastructure.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>How access tokens are checked: HS256 only, our issuer and audience, an expiry always, little skew.</summary>
public sealed class JwtBearerSetup(IOptions<JwtOptions> jwtOptions, JwtSigningKey signingKey, TimeProvider timeProvider, IHostEnvironment environment)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var jwt = jwtOptions.Value;
        options.MapInboundClaims = false;
        // Nothing reads the token back from the authentication properties (GetTokenAsync): not kept per request.
        options.SaveToken = false;
        // WWW-Authenticate names only the kind of failure (invalid_token); why a token failed ("the issuer 'evil'
        // is invalid") helps whoever is forging tokens, so only a developer's machine says it.
        options.IncludeErrorDetails = environment.IsDevelopment();
        // The problem body, though, says in every environment whether the token expired or is not valid.
        options.Events = new JwtBearerEvents { OnChallenge = TokenChallenge.NoteAsync };
        options.TimeProvider = timeProvider;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = jwt.Issuer,
            ValidAudience = jwt.Audience,
            IssuerSigningKey = signingKey.Key,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidTypes = [JwtTokenService.AccessTokenType],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = ClockSkew,
            NameClaimType = "sub",
            // The library compares with the system clock; this makes expiry follow the app's TimeProvider,
            // so the same clock decides when a token was issued and when it ends.
            LifetimeValidator = ValidateLifetime,
        };
    }

    // An expired token is told apart (thrown as the library's own expiry), so its 401 can say "refresh" (TokenChallenge).
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (expires is { } end && end.ToUniversalTime() <= now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = end };
        }

        return expires is not null && (notBefore is not { } start || start.ToUniversalTime() <= now + ClockSkew);
    }

    public void Configure(JwtBearerOptions options) => Configure(JwtBearerDefaults.AuthenticationScheme, options);
}
