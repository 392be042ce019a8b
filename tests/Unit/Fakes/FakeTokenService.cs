using CleanAuth.Application.Auth.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

public sealed class FakeTokenService : ITokenService
{
    public int ExpiresInSeconds { get; set; } = 900;

    public List<User> IssuedFor { get; } = [];

    public AccessToken IssueAccessToken(User user)
    {
        IssuedFor.Add(user);
        return new AccessToken(TokenFor(user), ExpiresInSeconds);
    }

    public static string TokenFor(User user) => $"token:{user.Id}:{user.SecurityStamp}";
}
