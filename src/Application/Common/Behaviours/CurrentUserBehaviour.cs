using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// For requests marked <see cref="IRequireUser"/>: loads the user the token names and refuses a
/// missing or disabled one, a token issued under an older security stamp, or one whose session (<c>sid</c>) has
/// ended. Checking storage on every such request is what makes a disabled account's tokens, and an ended session's,
/// stop at once on every instance; the user, the session and the second factor come from one store read (ADR 0053).
/// </summary>
public sealed class CurrentUserBehaviour<TRequest, TResponse>(
    ICallerIdentity caller,
    ICallerStore callers,
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

        // A token without sid (issued before ADR 0053) has no session to check; it lives out its 15 minutes.
        var found = await callers.FindAsync(userId, caller.SessionId, cancellationToken);
        if (found is not { SessionLive: true, User: { IsDisabled: false } user }
            || !string.Equals(user.SecurityStamp, caller.SecurityStamp, StringComparison.Ordinal))
        {
            throw new UnauthorizedException(NotSignedIn);
        }

        currentUser.Set(found);
        return await next();
    }
}
