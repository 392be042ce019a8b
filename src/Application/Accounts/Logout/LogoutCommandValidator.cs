using FluentValidation;

namespace CleanAuth.Application.Accounts.Logout;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() => RuleFor(c => c.RefreshToken).NotNull().WithMessage("RefreshToken is required.");
}
