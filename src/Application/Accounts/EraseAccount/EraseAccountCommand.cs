using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Abstractions;
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

public sealed class EraseAccountCommandHandler(ICurrentUser currentUser, CurrentPasswordCheck passwords, AccountErasure erasure)
    : IRequestHandler<EraseAccountCommand, Unit>
{
    public async Task<Unit> Handle(EraseAccountCommand request, CancellationToken cancellationToken)
    {
        var user = currentUser.User;
        await passwords.ConfirmWithSecondFactorAsync(
            user, request.Password, request.TwoFactorCode, request.RecoveryCode, TwoFactorPurpose.Erase, cancellationToken);
        await erasure.EraseAsync(user, user.Id, cancellationToken);
        return Unit.Value;
    }
}
