using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.EraseAccount;

/// <summary>
/// An administrator erases a user's account and everything it owns (ADR 0055): with a recent sign-in (ADR 0047),
/// since a stolen access token must not be able to erase accounts; 409 for the last active administrator.
/// </summary>
public sealed record EraseUserCommand(string UserId) : IRequest<Unit>, IRequireRole, IRequireRecentSignIn
{
    public string? RequiredRole => Role.Admin;
}

public sealed class EraseUserCommandHandler(ICurrentUser currentUser, IUserRepository users, AccountErasure erasure) : IRequestHandler<EraseUserCommand, Unit>
{
    public async Task<Unit> Handle(EraseUserCommand request, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(request.UserId, cancellationToken);
        await erasure.EraseAsync(user, currentUser.User.Id, cancellationToken);
        return Unit.Value;
    }
}
