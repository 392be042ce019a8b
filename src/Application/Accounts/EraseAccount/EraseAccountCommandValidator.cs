using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.EraseAccount;

public sealed class EraseAccountCommandValidator : AbstractValidator<EraseAccountCommand>
{
    public EraseAccountCommandValidator()
    {
        RuleFor(c => c.Password).CurrentPassword();
        RuleFor(c => c.TwoFactorCode).TwoFactorCode("twoFactorCode");
        RuleFor(c => c.RecoveryCode).RecoveryCode("recoveryCode");
    }
}
