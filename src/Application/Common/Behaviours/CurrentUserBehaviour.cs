using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// For requests marked <see cref="IRequireUser"/>: loads the user the token names and refuses a
/// missing or disabled one, or a token issued under an older security stamp. Checking storage on
/// every such request is what makes a disabled account's tokens stop at once on every instance.
/// </summary>
public sealed class CurrentUserBehaviour<TRequest, TResponse>(
    ICallerIdentity caller,
    IUserRepository users,
    CurrentUserAccessor currentUser) : IPipelineBehavior<TRequest, TResponse>
{
    internal const string NotSignedIn = "A valid access token is required.";

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not IRequireUser)
        {
            return await next();
        }

        if (!UserId.TryParse(caller.UserId, out var userId) || caller.SecurityStamp is null)
        {
            throw new UnauthorizedException(NotSignedIn);
        }

        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null || user.IsDisabled || !string.Equals(user.SecurityStamp, caller.SecurityStamp, StringComparison.Ordinal))
        {
            throw new UnauthorizedException(NotSignedIn);
        }

        currentUser.Set(user);
        return await next();
    }
}
