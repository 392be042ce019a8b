using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.WebApi.Infrastructure;

/// <summary>
/// The problem body of a bearer challenge says what to do next, in every environment: send a token, refresh an
/// expired one, or sign in again for one that is not valid. Knowing a token expired tells an attacker nothing and
/// tells a client to refresh. Which check a bad token failed is not said (WWW-Authenticate stays terse outside
/// Development, ADR 0049).
/// </summary>
public static class TokenChallenge
{
    public const string Missing = "This endpoint needs an access token: send it as Authorization: Bearer <token> (from POST /api/auth/login).";
    public const string Expired = "The access token has expired: get a new one from POST /api/auth/refresh with the refresh token.";
    public const string Invalid = "The access token is not valid: sign in again (POST /api/auth/login) for a new one.";

    private static readonly object Key = new();

    /// <summary>For <c>JwtBearerEvents.OnChallenge</c>: notes the reason; the handler still writes its WWW-Authenticate.</summary>
    public static Task NoteAsync(JwtBearerChallengeContext context)
    {
        context.HttpContext.Items[Key] = context.AuthenticateFailure switch
        {
            null => Missing,
            SecurityTokenExpiredException => Expired,
            _ => Invalid,
        };
        return Task.CompletedTask;
    }

    /// <summary>The noted reason, for the 401 problem the status-code pages write after the challenge.</summary>
    public static string? DetailOf(HttpContext context) => context.Items.TryGetValue(Key, out var detail) ? detail as string : null;
}
