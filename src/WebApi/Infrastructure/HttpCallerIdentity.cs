using System.Globalization;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Infrastructure.Security;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>Reads the caller from the access token the JWT bearer handler already validated.</summary>
public sealed class HttpCallerIdentity(IHttpContextAccessor accessor) : ICallerIdentity
{
    public string? UserId => Claim(JwtRegisteredClaimNames.Sub);

    public string? SecurityStamp => Claim(JwtTokenService.SecurityStampClaim);

    public string? SessionId => Claim(JwtTokenService.SessionIdClaim);

    public DateTimeOffset? AuthTime =>
        long.TryParse(Claim(JwtRegisteredClaimNames.AuthTime), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= MaxUnixSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    private static long MaxUnixSeconds => DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private string? Claim(string type)
    {
        var user = accessor.HttpContext?.User;
        return user?.Identity?.IsAuthenticated == true ? user.FindFirst(type)?.Value : null;
    }
}
