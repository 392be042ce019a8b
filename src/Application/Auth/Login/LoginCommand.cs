using MediatR;

namespace CleanAuth.Application.Auth.Login;

public sealed record LoginCommand(string Email, string Password) : IRequest<LoginResult>
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(LoginCommand)} {{ Email = {Email} }}";
}

public sealed record LoginResult(string TokenType, string AccessToken, int ExpiresIn);
