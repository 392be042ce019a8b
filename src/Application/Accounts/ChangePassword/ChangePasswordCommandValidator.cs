using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.ChangePassword;

public sealed class ChangePasswordCommandValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordCommandValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("CurrentPassword is required.")
            .MaximumLength(RuleExtensions.MaxPasswordLength).WithMessage($"CurrentPassword must be at most {RuleExtensions.MaxPasswordLength} characters.");
        RuleFor(c => c.NewPassword).NewPassword();
    }
}
