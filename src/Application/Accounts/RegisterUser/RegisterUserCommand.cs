using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.RegisterUser;

public sealed record RegisterUserCommand(string Name, string Email, string Password) : IRequest<RegisteredUser>, IHashesPassword
{
    // Keeps the password out of anything that prints the record.
    public override string ToString() => $"{nameof(RegisterUserCommand)} {{ Email = {Email} }}";
}

public sealed record RegisteredUser(string Id, string Name, string Email, DateTimeOffset CreatedAt);

public sealed class RegisterUserCommandHandler(
    IUserRepository users,
    IPasswordHasher passwordHasher,
    IIdGenerator ids,
    AccountCodes codes,
    SecurityEvents events,
    TimeProvider timeProvider) : IRequestHandler<RegisterUserCommand, RegisteredUser>
{
    public async Task<RegisteredUser> Handle(RegisterUserCommand request, CancellationToken cancellationToken)
    {
        var user = User.Register(ids.NewUserId(), PersonName.Create(request.Name), EmailAddress.Create(request.Email), passwordHasher.Hash(request.Password), timeProvider.GetUtcNow());

        if (!await users.TryAddAsync(user, cancellationToken))
        {
            throw new ConflictException("An account with this email already exists.");
        }

        // The account exists from here on: if the store fails before the mail is queued, the 503 tells the client to
        // ask again, and resend-confirmation is the way to (ADR 0040).
        await codes.IssueAndSendAsync(user, AccountCodePurpose.EmailConfirmation, cancellationToken);
        events.EmailConfirmationSent(user.Id);

        return new RegisteredUser(user.Id.Value, user.Name, user.Email, user.CreatedAt);
    }
}
