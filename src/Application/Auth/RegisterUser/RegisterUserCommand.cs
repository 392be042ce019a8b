using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Common;
using MediatR;

namespace CleanAuth.Application.Auth.RegisterUser;

public sealed record RegisterUserCommand(string Name, string Email, [property: Sensitive] string Password) : IRequest<RegisteredUser>, IHashesPassword
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(RegisterUserCommand)} {{ Email = {Email} }}";
}

public sealed record RegisteredUser(string Id, string Name, string Email, DateTimeOffset CreatedAt);
