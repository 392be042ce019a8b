using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.LogoutAll;

/// <summary>Ends every session of the caller: every refresh family, and every access token through the security stamp.</summary>
public sealed record LogoutAllCommand : IRequest<Unit>, IRequireUser;

public sealed class LogoutAllCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    IRefreshTokenStore store,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<LogoutAllCommand, Unit>
{
    public async Task<Unit> Handle(LogoutAllCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        var now = timeProvider.GetUtcNow();
        user.RotateSecurityStamp(now);
        await users.UpdateAsync(user, cancellationToken);
        await store.EndAllSessionsAsync(user.Id, now, cancellationToken);
        events.LoggedOut(user.Id, "all");
        await activity.RecordAsync(user.Id, ActivityKind.SignedOutEverywhere, cancellationToken);
        return Unit.Value;
    }
}
