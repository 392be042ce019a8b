using CleanAuth.Domain.Common;

namespace CleanAuth.Domain.Users;

/// <summary>A person's name (a user's, an author's): trimmed NFC (<see cref="UnicodeText.Name"/>), visible characters only.</summary>
public sealed class PersonName
{
    public const int MaxLength = 100;

    private PersonName(string value) => Value = value;

    public string Value { get; }

    /// <summary>Why <paramref name="text"/> is not a name (the message a client reads), or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Name is required.";
        }

        if (UnicodeText.HasHiddenCharacters(text))
        {
            return "Name must not contain invisible, control or bidirectional-control characters.";
        }

        // Mail clients decode an RFC 2047 encoded-word (=?charset?B?…?=) in the To: header's display name, so such a
        // name would show as text the account holder did not type; no person's name contains one.
        var open = text.IndexOf("=?", StringComparison.Ordinal);
        if (open >= 0 && text.IndexOf("?=", open + 2, StringComparison.Ordinal) >= 0)
        {
            return "Name must not contain \"=?…?=\" (mail programs read it as encoded text).";
        }

        // Counted as a reader counts, and also capped in UTF-16 units: a letter with thousands of combining marks is one
        // text element, but not a name.
        return UnicodeText.Length(UnicodeText.Name(text)) <= MaxLength && text.Trim().Length <= MaxLength * 4
            ? null
            : $"Name must be at most {MaxLength} characters.";
    }

    /// <summary>The name, or an <see cref="ArgumentException"/> with <see cref="Validate"/>'s message.</summary>
    public static PersonName Create(string? text) =>
        Validate(text) is { } error ? throw new ArgumentException(error, nameof(text)) : new PersonName(UnicodeText.Name(text!));

    public override string ToString() => Value;
}
