using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.EnableAccount;

/// <summary>An administrator re-enables an account. Its old tokens stay dead: the user signs in again.</summary>
public sealed record EnableAccountCommand(string UserId) : IRequest<Unit>, IRequireRole
{
    public string? RequiredRole => Role.Admin;
}

public sealed class EnableAccountCommandHandler(
    ICurrentUser currentUser, IUserRepository users, SecurityEvents events, AccountActivity activity, TimeProvider timeProvider)
    : IRequestHandler<EnableAccountCommand, Unit>
{
    public async Task<Unit> Handle(EnableAccountCommand request, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(request.UserId, cancellationToken);
        if (user.IsDisabled)
        {
            user.Enable(timeProvider.GetUtcNow());
            await users.UpdateAsync(user, cancellationToken);
            events.AccountEnabled(user.Id, currentUser.User.Id);
            await activity.RecordAsync(user.Id, ActivityKind.AccountEnabled, cancellationToken, actor: currentUser.User.Id);
        }

        return Unit.Value;
    }
}
