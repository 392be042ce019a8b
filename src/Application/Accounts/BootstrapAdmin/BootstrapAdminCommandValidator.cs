using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Accounts.BootstrapAdmin;

public sealed class BootstrapAdminCommandValidator : AbstractValidator<BootstrapAdminCommand>
{
    public BootstrapAdminCommandValidator()
    {
        RuleFor(c => c.Email).ValidNewEmail();
        RuleFor(c => c.Password).NewPassword();
    }
}
