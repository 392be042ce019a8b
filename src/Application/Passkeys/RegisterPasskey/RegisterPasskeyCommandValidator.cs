using CleanAuth.Application.Passkeys.Common;
using FluentValidation;

namespace CleanAuth.Application.Passkeys.RegisterPasskey;

public sealed class RegisterPasskeyCommandValidator : AbstractValidator<RegisterPasskeyCommand>
{
    public RegisterPasskeyCommandValidator()
    {
        RuleFor(c => c.CeremonyId).Must(PasskeyRules.IsId).WithMessage("CeremonyId must be the ceremonyId the options call returned.");
        RuleFor(c => c.Credential).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Credential is required: PublicKeyCredential.toJSON() of the new credential.")
            .MaximumLength(PasskeyRules.MaxCredentialLength).WithMessage($"Credential must be at most {PasskeyRules.MaxCredentialLength} characters.");
        RuleFor(c => c.Name).Must(n => n is null || (n.Trim().Length is > 0 and <= PasskeyRules.MaxNameLength))
            .WithMessage($"Name must be 1–{PasskeyRules.MaxNameLength} characters when given.");
    }
}
