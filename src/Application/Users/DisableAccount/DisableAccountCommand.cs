using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Users.DisableAccount;

/// <summary>Disables the caller's own account: it is kept, but it can no longer sign in and its tokens stop working.</summary>
public sealed record DisableAccountCommand : IRequest<Unit>, IRequireUser;

public sealed class DisableAccountCommandHandler(ICurrentUser currentUser, IUserRepository users, TimeProvider timeProvider)
    : IRequestHandler<DisableAccountCommand, Unit>
{
    public async Task<Unit> Handle(DisableAccountCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        user.Disable(timeProvider.GetUtcNow());
        await users.UpdateAsync(user, cancellationToken);
        return Unit.Value;
    }
}
