using CleanAuth.Application.Passkeys.Common;
using FluentValidation;

namespace CleanAuth.Application.Passkeys.PasskeySignIn;

public sealed class PasskeySignInCommandValidator : AbstractValidator<PasskeySignInCommand>
{
    public PasskeySignInCommandValidator()
    {
        RuleFor(c => c.CeremonyId).Must(PasskeyRules.IsId).WithMessage("CeremonyId must be the ceremonyId the options call returned.");
        RuleFor(c => c.Credential).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Credential is required: PublicKeyCredential.toJSON() of the assertion.")
            .MaximumLength(PasskeyRules.MaxCredentialLength).WithMessage($"Credential must be at most {PasskeyRules.MaxCredentialLength} characters.");
    }
}
