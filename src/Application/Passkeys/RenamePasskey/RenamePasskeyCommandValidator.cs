using CleanAuth.Application.Passkeys.Common;
using FluentValidation;

namespace CleanAuth.Application.Passkeys.RenamePasskey;

public sealed class RenamePasskeyCommandValidator : AbstractValidator<RenamePasskeyCommand>
{
    public RenamePasskeyCommandValidator() =>
        RuleFor(c => c.Name).Must(n => n is not null && n.Trim().Length is > 0 and <= PasskeyRules.MaxNameLength)
            .WithMessage($"Name must be 1–{PasskeyRules.MaxNameLength} characters.");
}
