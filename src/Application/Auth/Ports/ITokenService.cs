using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Auth.Ports;

public interface ITokenService
{
    AccessToken IssueAccessToken(User user);
}

public sealed record AccessToken([property: Sensitive] string Value, int ExpiresInSeconds);
