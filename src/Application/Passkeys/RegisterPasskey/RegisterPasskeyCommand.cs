using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using MediatR;

namespace CleanAuth.Application.Passkeys.RegisterPasskey;

/// <summary>
/// Finishes a registration (ADR 0058): the caller's own registration ceremony is spent by one conditional write, the
/// attestation is verified against it, and the passkey is stored unless its credential id is anyone's already.
/// </summary>
public sealed record RegisterPasskeyCommand(string CeremonyId, string Credential, string? Name) : IRequest<PasskeyInfo>, IRequireRecentSignIn
{
    public override string ToString() => $"{nameof(RegisterPasskeyCommand)} {{ CeremonyId = {CeremonyId}, Name = {Name} }}";
}

public sealed class RegisterPasskeyCommandHandler(
    ICurrentUser currentUser,
    IPasskeyStore passkeys,
    IWebAuthn webAuthn,
    PasskeyCeremonyService ceremonies,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<RegisterPasskeyCommand, PasskeyInfo>
{
    public async Task<PasskeyInfo> Handle(RegisterPasskeyCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (!user.EmailConfirmed)
        {
            throw new EmailNotConfirmedException();
        }

        var options = await ceremonies.TryConsumeAsync(request.CeremonyId, PasskeyCeremonyKind.Registration, user.Id, cancellationToken)
            ?? throw Refused(PasskeyFailure.CeremonyUnknown);
        NewPasskeyCredential credential;
        try
        {
            credential = await webAuthn.VerifyRegistrationAsync(options, request.Credential, cancellationToken);
        }
        catch (PasskeyVerificationException ex)
        {
            throw Refused(ex.Reason);
        }

        // To the millisecond, as both stores keep instants: the 201 shows what a later GET will.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        var passkey = new Passkey(
            Passkey.IdOf(credential.CredentialId), user.Id, credential.CredentialId, credential.PublicKey, credential.SignCount, credential.BackupEligible,
            credential.BackedUp, credential.Transports, Passkey.HandleOf(user.Id), request.Name?.Trim() ?? $"Passkey {now:yyyy-MM-dd}", now, null);
        if (!await passkeys.TryAddAsync(passkey, cancellationToken))
        {
            events.PasskeyRegistrationFailed(user.Id, PasskeyFailure.CredentialTaken);
            throw new PasskeyTakenException();
        }

        events.PasskeyRegistered(user.Id, passkey.Id, passkey.BackupEligible);
        await activity.RecordAsync(user.Id, ActivityKind.PasskeyRegistered, cancellationToken);
        return PasskeyInfo.From(passkey);
    }

    private PasskeyRegistrationRejectedException Refused(PasskeyFailure reason)
    {
        events.PasskeyRegistrationFailed(currentUser.User.Id, reason);
        return new PasskeyRegistrationRejectedException();
    }
}
