using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Passkeys.Common;
using CleanAuth.Application.Passkeys.Ports;
using CleanAuth.Domain.Users;
using MediatR;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Passkeys.PasskeySignIn;

/// <summary>
/// Finishes a passkey sign-in (ADR 0058) with the same token pair as a login and a session signed in now. The
/// assertion carries user verification (required by the options and checked), so it is two factors in one: no TOTP is
/// asked. A disabled account, or an unconfirmed one under <c>Accounts:RequireConfirmedEmail</c>, is refused as at
/// login; a failure is never counted toward the password lockout (nobody is guessing a password).
/// </summary>
public sealed record PasskeySignInCommand(string CeremonyId, string Credential) : IRequest<TokenPair>
{
    public override string ToString() => $"{nameof(PasskeySignInCommand)} {{ CeremonyId = {CeremonyId} }}";
}

public sealed class PasskeySignInCommandHandler(
    IPasskeyStore passkeys,
    IWebAuthn webAuthn,
    PasskeyCeremonyService ceremonies,
    IUserRepository users,
    RefreshTokens refreshTokens,
    IOptions<AccountOptions> accounts,
    SecurityEvents events,
    AccountActivity activity,
    TimeProvider timeProvider) : IRequestHandler<PasskeySignInCommand, TokenPair>
{
    public async Task<TokenPair> Handle(PasskeySignInCommand request, CancellationToken cancellationToken)
    {
        var options = await ceremonies.TryConsumeAsync(request.CeremonyId, PasskeyCeremonyKind.SignIn, null, cancellationToken)
            ?? throw Refused(null, PasskeyFailure.CeremonyUnknown);
        var credentialId = webAuthn.CredentialIdOf(request.Credential) ?? throw Refused(null, PasskeyFailure.Malformed);
        var passkey = await passkeys.FindByCredentialIdAsync(credentialId, cancellationToken) ?? throw Refused(null, PasskeyFailure.UnknownCredential);
        VerifiedAssertion assertion;
        try
        {
            assertion = await webAuthn.VerifyAssertionAsync(options, request.Credential, passkey, cancellationToken);
        }
        catch (PasskeyVerificationException ex)
        {
            throw Refused(passkey.UserId, ex.Reason);
        }

        var user = await users.FindByIdAsync(passkey.UserId, cancellationToken);
        if (user is null || user.IsDisabled)
        {
            throw Refused(passkey.UserId, PasskeyFailure.Disabled);
        }

        if (accounts.Value.RequireConfirmedEmail && !user.EmailConfirmed)
        {
            events.PasskeySignInFailed(user.Id, PasskeyFailure.EmailNotConfirmed);
            throw new EmailNotConfirmedException();
        }

        // One conditional write: a counter that did not move forward (a cloned authenticator) is refused and recorded.
        var now = timeProvider.GetUtcNow();
        if (!await passkeys.TryRecordUseAsync(passkey.Id, assertion.SignCount, assertion.BackedUp, now, cancellationToken))
        {
            throw Refused(user.Id, PasskeyFailure.CounterWentBackwards);
        }

        await users.RecordSignInSuccessAsync(user.Id, now, cancellationToken);
        var pair = await refreshTokens.StartSessionAsync(user, cancellationToken);
        events.PasskeySignInSucceeded(user.Id, passkey.Id);
        await activity.RecordAsync(user.Id, ActivityKind.SignIn, cancellationToken);
        return pair;
    }

    private UnauthorizedException Refused(UserId? userId, PasskeyFailure reason)
    {
        events.PasskeySignInFailed(userId, reason);
        return new UnauthorizedException(PasskeyRules.SignInRefused);
    }
}
