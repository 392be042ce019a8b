using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.DisableTwoFactor;

/// <summary>Turns the second factor off (the password confirms it); every other session ends, the caller gets a fresh pair.</summary>
public sealed record DisableTwoFactorCommand(string Password) : IRequest<TokenPair>, IRequireUser, IHashesPassword
{
    public override string ToString() => nameof(DisableTwoFactorCommand);
}

public sealed class DisableTwoFactorCommandHandler(
    ICurrentUser currentUser,
    ITwoFactorStore store,
    CurrentPasswordCheck passwords,
    AccountSessions sessions,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<DisableTwoFactorCommand, TokenPair>
{
    public async Task<TokenPair> Handle(DisableTwoFactorCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        await passwords.ConfirmAsync(user, request.Password, "password", cancellationToken);
        if (!await store.RemoveAsync(user.Id, cancellationToken))
        {
            throw new TwoFactorStateException(TwoFactorStateException.NotEnabled);
        }

        // The password was just proven: the new session is a sign-in of now.
        var pair = await sessions.RenewAsync(user, timeProvider.GetUtcNow(), cancellationToken);
        events.TwoFactorDisabled(user.Id, user.Id);
        await activity.RecordAsync(user.Id, ActivityKind.TwoFactorDisabled, cancellationToken);
        return pair;
    }
}
