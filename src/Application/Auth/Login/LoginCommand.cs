using CleanAuth.Application.Auth.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Common;
using MediatR;

namespace CleanAuth.Application.Auth.Login;

public sealed record LoginCommand(string Email, [property: Sensitive] string Password) : IRequest<TokenPair>, IHashesPassword
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(LoginCommand)} {{ Email = {Email} }}";
}
