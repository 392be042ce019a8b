using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Users.Common;
using MediatR;

namespace CleanAuth.Application.Users.GetCurrentUser;

public sealed record GetCurrentUserQuery : IRequest<UserProfile>, IRequireUser;

public sealed class GetCurrentUserQueryHandler(ICurrentUser currentUser) : IRequestHandler<GetCurrentUserQuery, UserProfile>
{
    public Task<UserProfile> Handle(GetCurrentUserQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(UserProfile.From(currentUser.User));
}
