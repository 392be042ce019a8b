using CleanAuth.Domain.Users;
using FluentValidation;

namespace CleanAuth.Application.Common.Security;

/// <summary>The field rules shared by every request that carries a name, an email or a password.</summary>
public static class RuleExtensions
{
    public const int MaxEmailLength = EmailAddress.MaxLength;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxNameLength = PersonName.MaxLength;

    /// <summary>The rules of <see cref="EmailAddress"/>: its first complaint, as its message.</summary>
    public static IRuleBuilderOptionsConditions<T, string> ValidEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Satisfies(EmailAddress.Validate);

    /// <summary>The rules of a new account's <see cref="EmailAddress"/> (ADR 0044): its first complaint, as its message.</summary>
    public static IRuleBuilderOptionsConditions<T, string> ValidNewEmail<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Satisfies(EmailAddress.ValidateNew);

    /// <summary>The rules of <see cref="PersonName"/>: its first complaint, as its message.</summary>
    public static IRuleBuilderOptionsConditions<T, string> ValidName<T>(this IRuleBuilderInitial<T, string> rule) =>
        rule.Satisfies(PersonName.Validate);

    /// <summary>
    /// A rule defined by a domain value object: <paramref name="validate"/> gives why the value is refused (the
    /// message the client reads), or null. One definition of the rule, so a validator and the domain cannot disagree.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, TValue> Satisfies<T, TValue>(this IRuleBuilder<T, TValue> rule, Func<TValue, string?> validate) =>
        rule.Custom((value, context) =>
        {
            if (validate(value) is { } error)
            {
                context.AddFailure(error);
            }
        });

    /// <summary>
    /// A password the caller already has (to sign in, or to confirm a change): required, and bounded, which also caps how
    /// much work one attempt can make the password hasher do. No strength rules: those applied when it was set.
    /// </summary>
    public static IRuleBuilderOptions<T, string> CurrentPassword<T>(this IRuleBuilderInitial<T, string> rule, string label = "Password") => rule
        .NotEmpty().WithMessage($"{label} is required.")
        .MaximumLength(MaxPasswordLength).WithMessage($"{label} must be at most {MaxPasswordLength} characters.");

    /// <summary>NIST SP 800-63B / OWASP ASVS: length and a blocklist, no composition rules.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilderInitial<T, string> rule) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Password is required.")
        .MinimumLength(MinPasswordLength).WithMessage($"Password must be at least {MinPasswordLength} characters.")
        .MaximumLength(MaxPasswordLength).WithMessage($"Password must be at most {MaxPasswordLength} characters.")
        .Must(p => !CommonPasswords.Contains(p)).WithMessage("Password is too common; choose another.");
}
