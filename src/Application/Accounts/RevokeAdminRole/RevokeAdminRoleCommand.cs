using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.RevokeAdminRole;

public sealed record RevokeAdminRoleCommand(string UserId) : IRequest<Unit>, IRequireRole
{
    public string? RequiredRole => Role.Admin;
}

public sealed class RevokeAdminRoleCommandHandler(ICurrentUser currentUser, IUserRepository users, SecurityEvents events, TimeProvider timeProvider)
    : IRequestHandler<RevokeAdminRoleCommand, Unit>
{
    public async Task<Unit> Handle(RevokeAdminRoleCommand request, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(request.UserId, cancellationToken);
        if (!user.IsAdmin)
        {
            return Unit.Value;
        }

        user.RevokeRole(Role.Admin, timeProvider.GetUtcNow());
        await users.UpdateAsync(user, cancellationToken);
        events.RoleRevoked(user.Id, Role.Admin, currentUser.User.Id);
        return Unit.Value;
    }
}
