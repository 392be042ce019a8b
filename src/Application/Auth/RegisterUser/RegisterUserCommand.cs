using CleanAuth.Application.Auth.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Users.Ports;
using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Auth.RegisterUser;

public sealed record RegisterUserCommand(string Name, string Email, [property: Sensitive] string Password) : IRequest<RegisteredUser>, IHashesPassword
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(RegisterUserCommand)} {{ Email = {Email} }}";
}

public sealed record RegisteredUser(string Id, string Name, string Email, DateTimeOffset CreatedAt);

public sealed class RegisterUserCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IIdGenerator ids,
    TimeProvider timeProvider) : IRequestHandler<RegisterUserCommand, RegisteredUser>
{
    public async Task<RegisteredUser> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        var user = User.Register(ids.NewUserId(), PersonName.Create(request.Name), EmailAddress.Create(request.Email), passwordHasher.Hash(request.Password), timeProvider.GetUtcNow());

        if (!await users.TryAddAsync(user, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        return new RegisteredUser(user.Id.Value, user.Name, user.Email, user.CreatedAt);
    }
}
