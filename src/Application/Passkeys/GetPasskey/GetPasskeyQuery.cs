using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.GetPasskey;

/// <summary>One of the caller's passkeys; 404 for another account's, an unknown or a malformed id alike.</summary>
public sealed record GetPasskeyQuery(string Id) : IRequest<PasskeyInfo>, IRequireUser;

public sealed class GetPasskeyQueryHandler(ICurrentUser currentUser, IPasskeyStore passkeys) : IRequestHandler<GetPasskeyQuery, PasskeyInfo>
{
    public async Task<PasskeyInfo> Handle(GetPasskeyQuery request, CancellationToken cancellationToken) =>
        PasskeyRules.IsId(request.Id) && await passkeys.FindAsync(currentUser.User.Id, request.Id, cancellationToken) is { } passkey
            ? PasskeyInfo.From(passkey)
            : throw PasskeyRules.NotFound();
}
