using FluentValidation;

namespace CleanAuth.Application.Accounts.Logout;

public sealed class LogoutCommandValidator : AbstractValidator<LogoutCommand>
{
    public LogoutCommandValidator() => RuleFor(c => c.RefreshToken).NotNull().WithMessage("RefreshToken is required.")
        .MaximumLength(1024).WithMessage("RefreshToken is at most 1024 characters: refresh tokens are much shorter.");
}
