using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Accounts.BeginTwoFactorSetup;

/// <summary>
/// Starts (or restarts) setting up an authenticator app: a new pending key, not yet required at login. Only once the
/// address is confirmed (ADR 0043): a second factor set by whoever registered someone else's address would outlive
/// the owner's password reset.
/// </summary>
public sealed record BeginTwoFactorSetupCommand : IRequest<TwoFactorSetup>, IRequireUser;

public sealed class BeginTwoFactorSetupCommandHandler(ICurrentUser currentUser, ITwoFactorStore store, IAuthenticator authenticator, SecondFactor secondFactor)
    : IRequestHandler<BeginTwoFactorSetupCommand, TwoFactorSetup>
{
    public async Task<TwoFactorSetup> Handle(BeginTwoFactorSetupCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (!user.EmailConfirmed)
        {
            throw new EmailNotConfirmedException();
        }

        var secret = authenticator.NewSecret();
        if (!await store.TryBeginSetupAsync(user.Id, secondFactor.Seal(secret, user.Id), cancellationToken))
        {
            throw new TwoFactorStateException(TwoFactorStateException.AlreadyEnabled);
        }

        var uri = authenticator.KeyUri(secret, user.Email);
        return new TwoFactorSetup(authenticator.SharedKey(secret), uri, authenticator.QrCodeSvg(uri));
    }
}
