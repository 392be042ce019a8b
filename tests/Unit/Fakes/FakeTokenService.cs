using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeTokenService : ITokenService
{
    public int ExpiresInSeconds { get; set; } = 900;

    public List<User> IssuedFor { get; } = [];

    /// <summary>The <c>auth_time</c> each issued token carried, in order.</summary>
    public List<DateTimeOffset?> AuthTimes { get; } = [];

    public AccessToken IssueAccessToken(User user, DateTimeOffset? authTime)
    {
        IssuedFor.Add(user);
        AuthTimes.Add(authTime);
        return new AccessToken(TokenFor(user), ExpiresInSeconds);
    }

    public static string TokenFor(User user) => $"token:{user.Id}:{user.SecurityStamp}";
}
