namespace CleanAuth.Domain.Books;

/// <summary>One of the fixed list of categories a book can have (the seed APIs' list, in their spelling).</summary>
public sealed class BookCategory
{
    private BookCategory(string value) => Value = value;

    public static IReadOnlyList<string> All { get; } =
        ["romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller"];

    /// <summary>The category in its canonical spelling.</summary>
    public string Value { get; }

    /// <summary>The category the text names (any case, surrounding spaces ignored), or null when it names none.</summary>
    public static BookCategory? Find(string? text) =>
        text is null ? null : All.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } found
            ? new BookCategory(found)
            : null;

    /// <summary>Why <paramref name="text"/> names no category (the message a client reads), or null when it names one.</summary>
    public static string? Validate(string? text) =>
        Find(text) is null ? $"Category must be one of: {string.Join(", ", All)}." : null;

    /// <summary>The category, or an <see cref="ArgumentException"/> with <see cref="Validate"/>'s message.</summary>
    public static BookCategory Create(string? text) =>
        Find(text) ?? throw new ArgumentException(Validate(text), nameof(text));

    public override string ToString() => Value;
}
