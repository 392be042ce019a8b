using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.RemovePasskey;

/// <summary>
/// Removes one of the caller's passkeys; 404 for another account's or an unknown id. Every account keeps its password,
/// so removing the last passkey leaves a way in.
/// </summary>
public sealed record RemovePasskeyCommand(string Id) : IRequest<Unit>, IRequireUser;

public sealed class RemovePasskeyCommandHandler(ICurrentUser currentUser, IPasskeyStore passkeys, SecurityEvents events, AccountActivity activity)
    : IRequestHandler<RemovePasskeyCommand, Unit>
{
    public async Task<Unit> Handle(RemovePasskeyCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.User.Id;
        if (!PasskeyRules.IsId(request.Id) || !await passkeys.RemoveAsync(userId, request.Id, cancellationToken))
        {
            throw PasskeyRules.NotFound();
        }

        events.PasskeysRemoved(userId, 1, "owner");
        await activity.RecordAsync(userId, ActivityKind.PasskeyRemoved, cancellationToken);
        return Unit.Value;
    }
}
