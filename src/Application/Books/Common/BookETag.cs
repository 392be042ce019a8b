using System.Globalization;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// A book's entity tag: its stored version, quoted (a strong validator; ADR 0057). Every stored change raises the
/// version, so equal tags mean the same revision of the same book.
/// </summary>
public static class BookETag
{
    public static string Of(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The version a tag names; false for <c>*</c>, a weak tag or anything that is not one of ours.</summary>
    public static bool TryParse(string? tag, out long version)
    {
        version = 0;
        var text = tag?.Trim();
        return text is ['"', .., '"'] && long.TryParse(text[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
