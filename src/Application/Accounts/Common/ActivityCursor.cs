using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CleanAuth.Application.Accounts.Ports;

namespace CleanAuth.Application.Accounts.Common;

/// <summary>
/// The opaque <c>next</c> of an activity page: the last entry's sort key, base64url of <c>ticks.id</c>. Anything
/// that does not decode to a tick count and a 24-hex id is refused as a bad cursor.
/// </summary>
public static class ActivityCursor
{
    public const string Invalid = "cursor is not one this API handed out; pass the `next` of an earlier page, or none for the first page.";

    private const int MaxLength = 64;

    public static string Encode(ActivityPosition position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{position.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{position.Id}"));

    public static bool TryDecode(string? cursor, out ActivityPosition position)
    {
        position = default;
        if (cursor is null || cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 1 || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks || !IsObjectId(text.AsSpan(dot + 1)))
        {
            return false;
        }

        position = new ActivityPosition(new DateTimeOffset(ticks, TimeSpan.Zero), text[(dot + 1)..]);
        return true;
    }

    private static bool IsObjectId(ReadOnlySpan<char> id) => id.Length == 24 && !id.ContainsAnyExcept("0123456789abcdef");
}
