using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.BeginPasskeyRegistration;

/// <summary>
/// Begins registering a passkey (ADR 0058). A recent sign-in, so that a stolen access token cannot plant one (ADR
/// 0047), and a confirmed address, so that a passkey set by whoever registered someone else's address cannot
/// outlive the owner's reset (ADR 0043). The user's passkeys are excluded: an authenticator holding one says so.
/// </summary>
public sealed record BeginPasskeyRegistrationCommand : IRequest<CeremonyStarted>, IRequireRecentSignIn;

public sealed class BeginPasskeyRegistrationCommandHandler(ICurrentUser currentUser, IPasskeyStore passkeys, IWebAuthn webAuthn, PasskeyCeremonyService ceremonies)
    : IRequestHandler<BeginPasskeyRegistrationCommand, CeremonyStarted>
{
    public async Task<CeremonyStarted> Handle(BeginPasskeyRegistrationCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (!user.EmailConfirmed)
        {
            throw new EmailNotConfirmedException();
        }

        var existing = await passkeys.ListAsync(user.Id, cancellationToken);
        var options = webAuthn.CreationOptions(
            new PasskeyUser(Passkey.HandleOf(user.Id), user.Email, user.Name), [.. existing.Select(p => p.CredentialId)]);
        return await ceremonies.BeginAsync(PasskeyCeremonyKind.Registration, user.Id, options, cancellationToken);
    }
}
