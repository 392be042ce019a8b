using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.ResetTwoFactor;

/// <summary>
/// An administrator removes a user's second factor (a lost phone and lost recovery codes): the user signs in with the
/// password alone and may set one up again. Every session of the user ends, as the lost device may hold one.
/// </summary>
public sealed record ResetTwoFactorCommand(string UserId) : IRequest<Unit>, IRequireRole
{
    public string? RequiredRole => Role.Admin;
}

public sealed class ResetTwoFactorCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    ITwoFactorStore store,
    AccountSessions sessions,
    SecurityEvents events, AccountActivity activity) : IRequestHandler<ResetTwoFactorCommand, Unit>
{
    public async Task<Unit> Handle(ResetTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(request.UserId, cancellationToken);
        if (await store.RemoveAsync(user.Id, cancellationToken))
        {
            await sessions.EndAllAsync(user, cancellationToken);
            events.TwoFactorReset(user.Id, currentUser.User.Id);
            await activity.RecordAsync(user.Id, ActivityKind.TwoFactorReset, cancellationToken, actor: currentUser.User.Id);
        }

        return Unit.Value;
    }
}
