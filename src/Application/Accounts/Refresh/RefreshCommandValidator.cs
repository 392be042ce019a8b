using FluentValidation;

namespace CleanAuth.Application.Accounts.Refresh;

/// <summary>Only a missing field is a 400; any value that is not a live token of ours is the handler's single 401.</summary>
public sealed class RefreshCommandValidator : AbstractValidator<RefreshCommand>
{
    public RefreshCommandValidator() => RuleFor(c => c.RefreshToken).NotNull().WithMessage("RefreshToken is required.");
}
