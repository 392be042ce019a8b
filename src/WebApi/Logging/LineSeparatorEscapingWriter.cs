using System.Text;

namespace CleanAuth.WebApi.Logging;

/// <summary>
/// Writes U+2028 and U+2029 as the JSON escapes <c>\u2028</c> and <c>\u2029</c>. They are legal raw inside a
/// JSON string, but many log readers (and JavaScript before ES2019) take them for line ends, so a name holding
/// one would split a CLEF event in two. They can only occur inside strings here, where the escape means the same.
/// </summary>
internal sealed class LineSeparatorEscapingWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value is '\u2028' or '\u2029')
        {
            inner.Write(value == '\u2028' ? "\\u2028" : "\\u2029");
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is not null)
        {
            Write(value.AsSpan());
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        while (buffer.IndexOfAny('\u2028', '\u2029') is var at and >= 0)
        {
            inner.Write(buffer[..at]);
            Write(buffer[at]);
            buffer = buffer[(at + 1)..];
        }

        inner.Write(buffer);
    }

    public override void WriteLine() => inner.WriteLine();
}
