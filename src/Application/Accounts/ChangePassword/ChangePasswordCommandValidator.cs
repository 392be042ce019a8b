using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).CurrentPassword("CurrentPassword");
        RuleFor(c => c.NewPassword).NewPassword();
    }
}
