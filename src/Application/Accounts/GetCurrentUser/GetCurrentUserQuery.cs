using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Accounts.GetCurrentUser;

public sealed record GetCurrentUserQuery : IRequest<UserProfile>, IRequireUser;

public sealed class GetCurrentUserQueryHandler(ICurrentUser currentUser, ITwoFactorStore twoFactors) : IRequestHandler<GetCurrentUserQuery, UserProfile>
{
    public async Task<UserProfile> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken) =>
        UserProfile.From(currentUser.User, await twoFactors.IsEnabledAsync(currentUser.User.Id, cancellationToken));
}
