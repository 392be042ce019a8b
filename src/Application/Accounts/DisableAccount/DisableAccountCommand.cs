using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.DisableAccount;

/// <summary>
/// Disables an account: it is kept, but it can no longer sign in and every token it holds stops
/// working. Without <see cref="UserId"/> it is the caller's own account; with one, an administrator's
/// action on that user (and then the admin role is required). Disabling one's own account needs a recent sign-in
/// (ADR 0047): a stolen access token must not be able to lock the owner out.
/// </summary>
public sealed record DisableAccountCommand(string? UserId = null) : IRequest<Unit>, IRequireRole, IRequireRecentSignIn
{
    public string? RequiredRole => UserId is null ? null : Role.Admin;

    public bool RecentSignInRequired => UserId is null;
}

public sealed class DisableAccountCommandHandler(
    ICurrentUser currentUser,
    IUserRepository users,
    IRefreshTokenStore refreshTokens,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<DisableAccountCommand, Unit>
{
    public async Task<Unit> Handle(DisableAccountCommand request, CancellationToken cancellationToken)
    {
        var actor = currentUser.User;
        var user = request.UserId is null || request.UserId == actor.Id.Value ? actor : await users.LoadAsync(request.UserId, cancellationToken);
        if (user.IsDisabled)
        {
            return Unit.Value;
        }

        var now = timeProvider.GetUtcNow();
        user.Disable(now);
        await users.UpdateAsync(user, cancellationToken);
        await refreshTokens.EndAllSessionsAsync(user.Id, now, cancellationToken);
        events.AccountDisabled(user.Id, actor.Id);
        await activity.RecordAsync(user.Id, ActivityKind.AccountDisabled, cancellationToken, actor: actor.Id);
        return Unit.Value;
    }
}
