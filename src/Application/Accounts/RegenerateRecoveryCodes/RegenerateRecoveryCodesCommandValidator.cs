using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.RegenerateRecoveryCodes;

public sealed class RegenerateRecoveryCodesCommandValidator : AbstractValidator<RegenerateRecoveryCodesCommand>
{
    public RegenerateRecoveryCodesCommandValidator()
    {
        RuleFor(c => c.Password).CurrentPassword();
    }
}
