using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// For requests marked <see cref="IRequireRecentSignIn"/>: refuses (401, <see cref="RecentSignInRequiredException"/>) a
/// caller whose session's sign-in (the token's <c>auth_time</c>) is older than <c>Accounts:RecentSignIn</c>, or unknown.
/// Runs after the user and role checks, so the answer is only given to a caller whom signing in again would help.
/// </summary>
public sealed class RecentSignInBehaviour<TRequest, TResponse>(
    ICallerIdentity caller,
    ICurrentUser currentUser,
    IOptions<AccountOptions> options,
    TimeProvider timeProvider,
    SecurityEvents events) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is IRequireRecentSignIn { RecentSignInRequired: true })
        {
            var maxAge = options.Value.RecentSignIn;
            // The time is ours, signed into the token; no sign-in time at all (an older session) is never recent.
            if (caller.AuthTime is not { } signedInAt || timeProvider.GetUtcNow() - signedInAt > maxAge)
            {
                events.RecentSignInRequired(currentUser.User.Id, typeof(TRequest).Name, caller.AuthTime);
                throw new RecentSignInRequiredException(maxAge);
            }
        }

        return await next();
    }
}
