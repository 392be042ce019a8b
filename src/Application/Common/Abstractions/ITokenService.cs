using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Common.Abstractions;

public interface ITokenService
{
    AccessToken IssueAccessToken(User user);
}

public sealed record AccessToken(string Value, int ExpiresInSeconds);
