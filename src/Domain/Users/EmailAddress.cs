using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// An email address as an account keeps it: trimmed NFKC (<see cref="UnicodeText.Email"/>), in the shape a mailbox
/// address has. Uniqueness is decided on <see cref="Normalized"/>.
/// </summary>
public sealed class EmailAddress
{
    public const int MaxLength = 254;

    private EmailAddress(string value) => Value = value;

    public string Value { get; }

    /// <summary>The form of the email that uniqueness is decided on.</summary>
    public string Normalized => Normalize(Value);

    /// <summary>The form uniqueness and lookups use, for any text (a lookup need not be a valid address).</summary>
    public static string Normalize(string email) => UnicodeText.Email(email).ToUpperInvariant();

    /// <summary>Why <paramref name="text"/> is not an email address (the message a client reads), or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Email is required.";
        }

        var email = UnicodeText.Email(text);
        if (email.Length > MaxLength)
        {
            return $"Email must be at most {MaxLength} characters.";
        }

        if (!HasMailboxShape(email))
        {
            return "Email is not a valid email address.";
        }

        return UnicodeText.HasHiddenCharacters(text.Trim())
            ? "Email must not contain invisible, control or bidirectional-control characters."
            : null;
    }

    /// <summary>The address, or an <see cref="ArgumentException"/> with <see cref="Validate"/>'s message.</summary>
    public static EmailAddress Create(string? text) =>
        Validate(text) is { } error ? throw new ArgumentException(error, nameof(text)) : new EmailAddress(UnicodeText.Email(text!));

    public override string ToString() => Value;

    // One '@' with text before it, a dot inside the domain (so text after it), no spaces: the shape a mailbox address has.
    // Deliverability can only be proven by sending mail, so nothing stricter is attempted.
    private static bool HasMailboxShape(string email)
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
