using System.Globalization;
using System.Text;

namespace CleanAuth.Domain.Common;

/// <summary>
/// How text that identifies a person is compared and kept: one canonical form, so that two strings a reader
/// cannot tell apart are the same string to every store (ordinal comparison of the normalized form).
/// </summary>
public static class UnicodeText
{
    /// <summary>Trimmed NFC: a name keeps its characters, composed the one canonical way.</summary>
    public static string Name(string value) => Normalize(value.Trim(), NormalizationForm.FormC);

    /// <summary>Trimmed NFKC: compatibility forms (full-width letters, ligatures) become the letters they stand for.</summary>
    public static string Email(string value) => Normalize(value.Trim(), NormalizationForm.FormKC);

    /// <summary>
    /// Characters a reader cannot see or that rearrange what is shown: controls (Cc), format characters (Cf:
    /// zero-width spaces and joiners, the soft hyphen, bidi embeddings, overrides and isolates), line and
    /// paragraph separators, and unpaired surrogates.
    /// </summary>
    public static bool HasHiddenCharacters(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                return true;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }

            i += length - 1;
        }

        return false;
    }

    /// <summary>What a reader counts as characters (extended grapheme clusters): an emoji or an accented letter is one.</summary>
    public static int Length(string value) => new StringInfo(value).LengthInTextElements;

    // Text with an unpaired surrogate cannot be normalized; it is refused by validation and matches nothing.
    private static string Normalize(string value, NormalizationForm form)
    {
        try
        {
            return value.Normalize(form);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}
