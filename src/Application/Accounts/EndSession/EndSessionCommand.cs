using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.EndSession;

/// <summary>
/// Ends one of the caller's sessions: its refresh tokens at once, and its access tokens on their next request (the
/// per-request check reads the session, ADR 0053). Ending the caller's own session is a logout.
/// </summary>
public sealed record EndSessionCommand(string SessionId) : IRequest<Unit>, IRequireUser;

public sealed class EndSessionCommandHandler(
    ICurrentUser currentUser,
    ICallerIdentity caller,
    IRefreshTokenStore sessions,
    SecurityEvents events,
    TimeProvider timeProvider) : IRequestHandler<EndSessionCommand, Unit>
{
    // Unknown, ended, another user's and malformed ids get this one answer: no id tells whose it is.
    internal const string NotFound = "You have no live session with this id.";

    public async Task<Unit> Handle(EndSessionCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (!await sessions.EndSessionAsync(user.Id, request.SessionId, timeProvider.GetUtcNow(), cancellationToken))
        {
            throw new NotFoundException(NotFound);
        }

        events.SessionEnded(user.Id, request.SessionId, string.Equals(request.SessionId, caller.SessionId, StringComparison.OrdinalIgnoreCase));
        return Unit.Value;
    }
}
