namespace CleanAuth.Domain.Books;

/// <summary>A book's title: trimmed, no control characters. One title per owner, decided on <see cref="Normalized"/>.</summary>
public sealed class BookTitle
{
    public const int MaxLength = 200;

    private BookTitle(string value) => Value = value;

    public string Value { get; }

    /// <summary>The form of the title that "one title per owner" is decided on.</summary>
    public string Normalized => Normalize(Value);

    /// <summary>The form uniqueness and title searches use, for any text (a search need not be a valid title).</summary>
    public static string Normalize(string title) => title.Trim().ToUpperInvariant();

    /// <summary>Why <paramref name="text"/> is not a title (the message a client reads), or null when it is one.</summary>
    public static string? Validate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "Title is required.";
        }

        if (text.Trim().Length > MaxLength)
        {
            return $"Title must be at most {MaxLength} characters.";
        }

        return text.Any(char.IsControl) ? "Title must not contain control characters." : null;
    }

    /// <summary>The title, or an <see cref="ArgumentException"/> with <see cref="Validate"/>'s message.</summary>
    public static BookTitle Create(string? text) =>
        Validate(text) is { } error ? throw new ArgumentException(error, nameof(text)) : new BookTitle(text!.Trim());

    public override string ToString() => Value;
}
