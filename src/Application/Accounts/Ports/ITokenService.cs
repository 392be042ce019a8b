using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.Ports;

public interface ITokenService
{
    /// <summary>
    /// An access token for <paramref name="user"/> in session <paramref name="sessionId"/> (its <c>sid</c>), carrying
    /// <paramref name="authTime"/> (the session's sign-in) as <c>auth_time</c>; none when it is null.
    /// </summary>
    AccessToken IssueAccessToken(User user, string sessionId, DateTimeOffset? authTime);
}

public sealed record AccessToken(string Value, int ExpiresInSeconds);
