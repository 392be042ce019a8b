using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Accounts.GetCurrentUser;

public sealed record GetCurrentUserQuery : IRequest<UserProfile>, IRequireUser;

/// <summary>No store read of its own: the CurrentUser behaviour's one read already brought the second factor's state (ADR 0053).</summary>
public sealed class GetCurrentUserQueryHandler(ICurrentUser currentUser) : IRequestHandler<GetCurrentUserQuery, UserProfile>
{
    public Task<UserProfile> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(UserProfile.From(currentUser.User, currentUser.TwoFactorEnabled));
}
