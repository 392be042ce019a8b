using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.RenamePasskey;

/// <summary>Renames one of the caller's passkeys; 404 for another account's or an unknown id.</summary>
public sealed record RenamePasskeyCommand(string Id, string Name) : IRequest<PasskeyInfo>, IRequireUser;

public sealed class RenamePasskeyCommandHandler(ICurrentUser currentUser, IPasskeyStore passkeys) : IRequestHandler<RenamePasskeyCommand, PasskeyInfo>
{
    public async Task<PasskeyInfo> Handle(RenamePasskeyCommand request, CancellationToken cancellationToken)
    {
        var userId = currentUser.User.Id;
        if (!PasskeyRules.IsId(request.Id) || !await passkeys.TryRenameAsync(userId, request.Id, request.Name.Trim(), cancellationToken))
        {
            throw PasskeyRules.NotFound();
        }

        return PasskeyInfo.From(await passkeys.FindAsync(userId, request.Id, cancellationToken) ?? throw PasskeyRules.NotFound());
    }
}
