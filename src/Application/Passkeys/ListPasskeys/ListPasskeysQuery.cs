using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.ListPasskeys;

/// <summary>The caller's passkeys, oldest first (a handful per account: no paging).</summary>
public sealed record ListPasskeysQuery : IRequest<IReadOnlyList<PasskeyInfo>>, IRequireUser;

public sealed class ListPasskeysQueryHandler(ICurrentUser currentUser, IPasskeyStore passkeys) : IRequestHandler<ListPasskeysQuery, IReadOnlyList<PasskeyInfo>>
{
    public async Task<IReadOnlyList<PasskeyInfo>> Handle(ListPasskeysQuery request, CancellationToken cancellationToken) =>
        [.. (await passkeys.ListAsync(currentUser.User.Id, cancellationToken)).Select(PasskeyInfo.From)];
}
