using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.ListBooks;

/// <summary>
/// The opaque keyset cursor of a list answer's <c>next</c> (ADR 0057): the order and the last book's key and id,
/// base64url. A client passes it back unchanged; its content is no contract.
/// </summary>
public static class BookCursor
{
    public static string Encode(BookOrder order, Book last)
    {
        var key = order.Field switch
        {
            BookSortField.Title => last.NormalizedTitle,
            BookSortField.UpdatedAt => last.UpdatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            _ => last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{BookSort.Format(order)}\n{last.Id.Value}\n{key}"));
    }

    /// <summary>The order and position a cursor names, or null when the text is not one of ours.</summary>
    public static (BookOrder Order, BookPosition After)? Decode(string text)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\n', 3);
            if (parts.Length != 3 || BookSort.Parse(parts[0]) is not { } order || !BookId.TryParse(parts[1], out var id))
            {
                return null;
            }

            if (order.Field == BookSortField.Title)
            {
                return (order, new BookPosition(id.Value, default, default, parts[2]));
            }

            if (!long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return null;
            }

            var at = new DateTimeOffset(ticks, TimeSpan.Zero);
            // Stryker disable once String: equivalent, a time order never reads the position's title key.
            return (order, new BookPosition(id.Value, at, at, ""));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>The <c>sort</c> parameter: <c>title</c>, <c>createdAt</c> or <c>updatedAt</c>, <c>-</c> first for descending.</summary>
public static class BookSort
{
    public const string Message = "sort must be one of title, createdAt, updatedAt, each optionally with a leading '-' (descending).";

    public static BookOrder? Parse(string? text)
    {
        var descending = text?.StartsWith('-') == true;
        BookSortField? field = (descending ? text![1..] : text) switch
        {
            "title" => BookSortField.Title,
            "createdAt" => BookSortField.CreatedAt,
            "updatedAt" => BookSortField.UpdatedAt,
            _ => null,
        };
        return field is { } f ? new BookOrder(f, descending) : null;
    }

    public static string Format(BookOrder order) =>
        (order.Descending ? "-" : "") + order.Field switch
        {
            BookSortField.Title => "title",
            BookSortField.UpdatedAt => "updatedAt",
            _ => "createdAt",
        };
}
