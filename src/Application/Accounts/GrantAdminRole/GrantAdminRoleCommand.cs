using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Accounts.GrantAdminRole;

public sealed record GrantAdminRoleCommand(string UserId) : IRequest<Unit>, IRequireRole
{
    public string? RequiredRole => Role.Admin;
}

public sealed class GrantAdminRoleCommandHandler(ICurrentUser currentUser, IUserRepository users, SecurityEvents events, TimeProvider timeProvider)
    : IRequestHandler<GrantAdminRoleCommand, Unit>
{
    public async Task<Unit> Handle(GrantAdminRoleCommand request, CancellationToken cancellationToken)
    {
        var user = await users.LoadAsync(request.UserId, cancellationToken);
        if (user.GrantRole(Role.Admin, timeProvider.GetUtcNow()))
        {
            await users.UpdateAsync(user, cancellationToken);
            events.RoleGranted(user.Id, Role.Admin, currentUser.User.Id);
        }

        return Unit.Value;
    }
}
