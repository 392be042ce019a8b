using CleanAuth.Domain.Common;
using FluentValidation;

namespace CleanAuth.Application.Common.Security;

/// <summary>The field rules shared by every request that carries a name, an email or a new password.</summary>
public static class RuleExtensions
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxNameLength = 100;

    public static IRuleBuilderOptions<T, string> ValidEmail<T>(this IRuleBuilderInitial<T, string> rule) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Email is required.")
        .Must(e => UnicodeText.Email(e).Length <= MaxEmailLength).WithMessage($"Email must be at most {MaxEmailLength} characters.")
        .Must(e => IsEmail(UnicodeText.Email(e))).WithMessage("Email is not a valid email address.")
        .Must(e => !UnicodeText.HasHiddenCharacters(e.Trim())).WithMessage("Email must not contain invisible, control or bidirectional-control characters.");

    public static IRuleBuilderOptions<T, string> ValidName<T>(this IRuleBuilderInitial<T, string> rule) => rule
        .Cascade(CascadeMode.Stop)
        .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name is required.")
        .Must(n => !UnicodeText.HasHiddenCharacters(n)).WithMessage("Name must not contain invisible, control or bidirectional-control characters.")
        // Counted as a reader counts, and also capped in UTF-16 units: a letter with thousands of combining marks is one
        // text element, but not a name.
        .Must(n => UnicodeText.Length(UnicodeText.Name(n)) <= MaxNameLength && n.Trim().Length <= MaxNameLength * 4)
        .WithMessage($"Name must be at most {MaxNameLength} characters.");

    /// <summary>NIST SP 800-63B / OWASP ASVS: length and a blocklist, no composition rules.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilderInitial<T, string> rule) => rule
        .Cascade(CascadeMode.Stop)
        .NotEmpty().WithMessage("Password is required.")
        .MinimumLength(MinPasswordLength).WithMessage($"Password must be at least {MinPasswordLength} characters.")
        .MaximumLength(MaxPasswordLength).WithMessage($"Password must be at most {MaxPasswordLength} characters.")
        .Must(p => !CommonPasswords.Contains(p)).WithMessage("Password is too common; choose another.");

    // One '@' with text before it, a dot inside the domain (so text after it), no spaces: the shape a mailbox address has.
    // Deliverability can only be proven by sending mail, so nothing stricter is attempted.
    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@'))
        {
            return false;
        }

        var domain = email.AsSpan(at + 1);
        return !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            && domain.Contains('.') && domain[0] != '.' && domain[^1] != '.';
    }
}
