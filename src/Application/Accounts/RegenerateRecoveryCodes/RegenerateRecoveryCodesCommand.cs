using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.RegenerateRecoveryCodes;

/// <summary>A new set of recovery codes (the password confirms it); the old ones stop working. No session ends.</summary>
public sealed record RegenerateRecoveryCodesCommand(string Password) : IRequest<RecoveryCodeList>, IRequireUser, IHashesPassword
{
    public override string ToString() => nameof(RegenerateRecoveryCodesCommand);
}

public sealed class RegenerateRecoveryCodesCommandHandler(
    ICurrentUser currentUser,
    ITwoFactorStore store,
    CurrentPasswordCheck passwords,
    SecurityEvents events) : IRequestHandler<RegenerateRecoveryCodesCommand, RecoveryCodeList>
{
    public async Task<RecoveryCodeList> Handle(RegenerateRecoveryCodesCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        await passwords.ConfirmAsync(user, request.Password, "password", cancellationToken);
        var (codes, hashes) = RecoveryCodes.New(user.Id);
        if (!await store.TryReplaceRecoveryCodesAsync(user.Id, hashes, cancellationToken))
        {
            throw new TwoFactorStateException(TwoFactorStateException.NotEnabled);
        }

        events.RecoveryCodesRegenerated(user.Id);
        return new RecoveryCodeList(codes);
    }
}
