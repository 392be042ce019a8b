using CleanAuth.Application.Common.Security;
using FluentValidation;

namespace CleanAuth.Application.Authors.CreateAuthor;

public sealed class CreateAuthorCommandValidator : AbstractValidator<CreateAuthorCommand>
{
    public const int MaxCountryLength = 100;

    public CreateAuthorCommandValidator()
    {
        RuleFor(c => c.Name).ValidName();
        RuleFor(c => c.Country)
            .Must(c => c is null || (c.Trim().Length <= MaxCountryLength && !c.Any(char.IsControl)))
            .WithMessage($"Country must be at most {MaxCountryLength} characters, with no control characters.");
    }
}
