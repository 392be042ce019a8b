using System.Globalization;
using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>
/// An email address as an account keeps it: trimmed NFKC (<see cref="UnicodeText.Email"/>), in the shape a mailbox
/// address has. Uniqueness is decided on <see cref="Normalized"/>. A new address (<see cref="Create"/>) also obeys
/// <see cref="ValidateNew"/> and keeps its domain as IDNA maps it (ADR 0044); lookups only need <see cref="Validate"/>,
/// so accounts made before those rules keep signing in.
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

    /// <summary>
    /// Why <paramref name="text"/> cannot be the address of a new account, or null (ADR 0044): besides
    /// <see cref="Validate"/>, no address literal (<c>[127.0.0.1]</c>) or numeric top-level label, no RFC 2047
    /// encoded-word, a domain IDNA accepts with the letters-digits-hyphen rule, and no part that mixes Latin letters
    /// with Cyrillic or Greek ones (a label of the domain, or a dot- or plus-separated part of the local part).
    /// </summary>
    public static string? ValidateNew(string? text)
    {
        if (Validate(text) is { } error)
        {
            return error;
        }

        var email = UnicodeText.Email(text!);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var (local, domain) = (email[..at], email[(at + 1)..]);
        if (domain.StartsWith('[') || domain[(domain.LastIndexOf('.') + 1)..].All(char.IsAsciiDigit))
        {
            return "Email must name a domain, not an IP address.";
        }

        var open = email.IndexOf("=?", StringComparison.Ordinal);
        if (open >= 0 && email.IndexOf("?=", open + 2, StringComparison.Ordinal) >= 0)
        {
            return "Email must not contain \"=?…?=\" (mail programs read it as encoded text).";
        }

        if (CanonicalDomain(domain) is not { } canonical)
        {
            return "Email's domain is not a valid domain name.";
        }

        return canonical.Split('.').Concat(local.Split('.', '+')).Any(LookalikeScripts.AreMixed)
            ? "Email must not mix Latin letters with Cyrillic or Greek ones in one part (they can look alike)."
            : null;
    }

    /// <summary>
    /// A new account's address, or an <see cref="ArgumentException"/> with <see cref="ValidateNew"/>'s message. The
    /// domain is kept as IDNA maps it, in Unicode: <c>xn--bcher-kva.de</c> and <c>BÜCHER.de</c> are both <c>bücher.de</c>.
    /// </summary>
    public static EmailAddress Create(string? text)
    {
        if (ValidateNew(text) is { } error)
        {
            throw new ArgumentException(error, nameof(text));
        }

        var email = UnicodeText.Email(text!);
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return new EmailAddress(email[..at] + "@" + CanonicalDomain(email[(at + 1)..]));
    }

    public override string ToString() => Value;

    // UTS 46 through the BCL: to the ASCII (punycode) form, which validates and maps it (case, width, NFC), and back,
    // so the stored form is readable and the lookup key (upper-case NFKC) of a domain typed in Unicode is unchanged.
    private static string? CanonicalDomain(string domain)
    {
        var idna = new IdnMapping { UseStd3AsciiRules = true };
        try
        {
            return idna.GetUnicode(idna.GetAscii(domain));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

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
