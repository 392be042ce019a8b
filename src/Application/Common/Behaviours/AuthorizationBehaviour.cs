using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// For requests marked <see cref="IRequireRole"/>: refuses (403) a caller without the role. Runs after
/// the CurrentUser behaviour, so the roles are the stored ones, not a token's possibly stale claim.
/// </summary>
public sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser currentUser, SecurityEvents events)
    : IPipelineBehavior<TRequest, TResponse>
{
    internal const string Denied = "You do not have permission to do this.";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IRequireRole { RequiredRole: { } role } && !currentUser.User.Roles.Contains(role, StringComparer.Ordinal))
        {
            events.AuthorizationDenied(currentUser.User.Id, typeof(TRequest).Name, role);
            throw new ForbiddenException(Denied);
        }

        return await next();
    }
}
