using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.RegisterUser;

public sealed class RegisterUserCommandValidator : AbstractValidator<RegisterUserCommand>
{
    public RegisterUserCommandValidator()
    {
        RuleFor(c => c.Name).ValidName();
        RuleFor(c => c.Email).ValidNewEmail();
        RuleFor(c => c.Password).NewPassword();
    }
}
