using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.DisableTwoFactor;

public sealed class DisableTwoFactorCommandValidator : AbstractValidator<DisableTwoFactorCommand>
{
    public DisableTwoFactorCommandValidator()
    {
        RuleFor(c => c.Password).CurrentPassword();
    }
}
