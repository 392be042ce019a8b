using CleanAuth.Application.Users.Common;
using FluentValidation;

namespace CleanAuth.Application.Users.EnableTwoFactor;

public sealed class EnableTwoFactorCommandValidator : AbstractValidator<EnableTwoFactorCommand>
{
    public EnableTwoFactorCommandValidator()
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Code is required.").TwoFactorCode("Code");
    }
}
