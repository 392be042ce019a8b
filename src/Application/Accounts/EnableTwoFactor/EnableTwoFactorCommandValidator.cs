using CleanAuth.Application.Accounts.Common;
using FluentValidation;

namespace CleanAuth.Application.Accounts.EnableTwoFactor;

public sealed class EnableTwoFactorCommandValidator : AbstractValidator<EnableTwoFactorCommand>
{
    public EnableTwoFactorCommandValidator()
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Code is required.").TwoFactorCode("Code");
    }
}
