using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.BeginPasskeySignIn;

/// <summary>
/// Begins an anonymous passkey sign-in (ADR 0058). The options name no credential (an empty allowCredentials): the
/// authenticator offers the discoverable passkeys it holds for this site, and the route tells nobody which accounts exist.
/// </summary>
public sealed record BeginPasskeySignInCommand : IRequest<CeremonyStarted>;

public sealed class BeginPasskeySignInCommandHandler(IWebAuthn webAuthn, PasskeyCeremonyService ceremonies) : IRequestHandler<BeginPasskeySignInCommand, CeremonyStarted>
{
    public Task<CeremonyStarted> Handle(BeginPasskeySignInCommand request, CancellationToken cancellationToken) =>
        ceremonies.BeginAsync(PasskeyCeremonyKind.SignIn, null, webAuthn.RequestOptions(), cancellationToken);
}
