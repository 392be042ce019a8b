using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.Login;

/// <summary>Only the shape is checked here; whether the credentials are right is the handler's 401.</summary>
public sealed class LoginCommandValidator : AbstractValidator<LoginCommand>
{
    public LoginCommandValidator()
    {
        // Stop at the first failure: a missing email must not reach the length check (it would throw, a 500).
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Email is required.")
            .Must(e => e.Trim().Length <= RuleExtensions.MaxEmailLength).WithMessage($"Email must be at most {RuleExtensions.MaxEmailLength} characters.");

        RuleFor(c => c.Password).CurrentPassword();

        RuleFor(c => c.TwoFactorCode).TwoFactorCode("TwoFactorCode");
        RuleFor(c => c.RecoveryCode).RecoveryCode("RecoveryCode");
        RuleFor(c => c.RecoveryCode).Null().When(c => c.TwoFactorCode is not null).WithMessage("Send either twoFactorCode or recoveryCode, not both.");
    }
}
