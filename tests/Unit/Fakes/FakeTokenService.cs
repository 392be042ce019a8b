using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeTokenService : ITokenService
{
    public int ExpiresInSeconds { get; set; } = 900;

    public List<User> IssuedFor { get; } = [];

    /// <summary>The <c>auth_time</c> each issued token carried, in order.</summary>
    public List<DateTimeOffset?> AuthTimes { get; } = [];

    /// <summary>The <c>sid</c> each issued token carried, in order.</summary>
    public List<string> SessionIds { get; } = [];

    public AccessToken IssueAccessToken(User user, string sessionId, DateTimeOffset? authTime)
    {
        SessionIds.Add(sessionId);
        IssuedFor.Add(user);
        AuthTimes.Add(authTime);
        return new AccessToken(TokenFor(user), ExpiresInSeconds);
    }

    public static string TokenFor(User user) => $"token:{user.Id}:{user.SecurityStamp}";
}
