using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using MediatR;

namespace CleanAuth.Application.Accounts.EraseAccount;

/// <summary>
/// The caller erases their own account and everything it owns (ADR 0055). The password confirms it always, and the
/// second factor where enabled; both are answered as a password change answers its password and count toward the lockout.
/// </summary>
public sealed record EraseAccountCommand(string Password, string? TwoFactorCode = null, string? RecoveryCode = null) : IRequest<Unit>, IRequireUser, IHashesPassword
{
    public override string ToString() => nameof(EraseAccountCommand);
}

public sealed class EraseAccountCommandHandler(
    ICurrentUser currentUser,
    CurrentPasswordCheck passwords,
    ITwoFactorStore twoFactors,
    SecondFactor secondFactor,
    AccountErasure erasure,
    SecurityEvents events) : IRequestHandler<EraseAccountCommand, Unit>
{
    internal const string SecondFactorNeeded = "This account has two-factor authentication: send twoFactorCode (from the app) or recoveryCode with the password.";
    internal const string SecondFactorWrong = "The two-factor code or recovery code is incorrect or was used already.";

    public async Task<Unit> Handle(EraseAccountCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        await passwords.ConfirmAsync(user, request.Password, "password", () => CheckSecondFactorAsync(request, cancellationToken), cancellationToken);
        await erasure.EraseAsync(user, user.Id, cancellationToken);
        return Unit.Value;
    }

    private async Task CheckSecondFactorAsync(EraseAccountCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        if (await twoFactors.FindAsync(user.Id, cancellationToken) is not { IsEnabled: true } state)
        {
            return;
        }

        if (request.TwoFactorCode is null && request.RecoveryCode is null)
        {
            throw ValidationException.ForField("twoFactorCode", SecondFactorNeeded);
        }

        switch (await secondFactor.CheckAsync(state, request.TwoFactorCode, request.RecoveryCode, cancellationToken))
        {
            case SecondFactorCheck.CodeAccepted:
                return;
            case SecondFactorCheck.RecoveryCodeSpent:
                events.RecoveryCodeUsed(user.Id);
                return;
            case SecondFactorCheck.Refused:
                events.TwoFactorFailed(user.Id, TwoFactorPurpose.Erase);
                break;
        }

        throw ValidationException.ForField(request.TwoFactorCode is null ? "recoveryCode" : "twoFactorCode", SecondFactorWrong);
    }
}
