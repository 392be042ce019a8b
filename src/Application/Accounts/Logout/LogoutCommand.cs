using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.Logout;

/// <summary>Ends the session (the refresh-token family) the token belongs to. Idempotent: an unknown token changes nothing.</summary>
public sealed record LogoutCommand(string RefreshToken) : IRequest<Unit>
{
    public override string ToString() => nameof(LogoutCommand);
}

public sealed class LogoutCommandHandler(IRefreshTokenStore store, SecurityEvents events, AccountActivity activity, TimeProvider timeProvider)
    : IRequestHandler<LogoutCommand, Unit>
{
    public async Task<Unit> Handle(LogoutCommand request, CancellationToken cancellationToken)
    {
        var hash = RefreshTokens.HashOf(request.RefreshToken);
        var token = hash is null ? null : await store.FindByHashAsync(hash, cancellationToken);
        // One write of the family's state: a refresh racing this logout either rotated before it (and its new
        // token dies with the family) or finds the family revoked and loses.
        if (token is not null && await store.EndSessionAsync(token.UserId, token.SessionId, timeProvider.GetUtcNow(), cancellationToken))
        {
            events.LoggedOut(token.UserId, "session");
            await activity.RecordAsync(token.UserId, ActivityKind.SignedOut, cancellationToken);
        }

        return Unit.Value;
    }
}
