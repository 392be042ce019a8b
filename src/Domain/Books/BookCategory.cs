namespace CleanAuth.Domain.Books;

/// <summary>The fixed list of categories a book can have (the seed APIs' list, in their spelling).</summary>
public static class BookCategory
{
    public static IReadOnlyList<string> All { get; } =
        ["romance", "poetry", "politics", "picture book", "science", "fantasy", "horror", "thriller"];

    /// <summary>The category in its canonical spelling, or null when the text names none.</summary>
    public static string? Find(string? text) =>
        text is null ? null : All.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
}
