using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;

namespace CleanAuth.Application.Books.Common;

/// <summary>
/// An <c>If-Match</c> on a book (RFC 9110 §13.1.1): <c>*</c> or a list of tags. A tag that is not one of ours never
/// matches. Checked against the version read, and the store's write is conditional on that same version, so check
/// and write are one conditional write: of N writers holding the same tag exactly one wins (ADR 0057).
/// </summary>
public sealed record BookPrecondition(bool Any, IReadOnlyList<long> Versions)
{
    /// <summary>The precondition of an <c>If-Match</c> header's value; null when there is none (today's behaviour).</summary>
    public static BookPrecondition? FromIfMatch(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var tags = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new BookPrecondition(tags.Contains("*"), [.. tags.Select(t => BookETag.TryParse(t, out var v) ? v : -1).Where(v => v >= 0)]);
    }

    /// <summary>Throws the 412 (with the current tag) when the book read is not at a version the client named.</summary>
    public void Check(Book book)
    {
        if (!Any && !Versions.Contains(book.Version))
        {
            throw Failed(book.Version);
        }
    }

    public static PreconditionFailedException Failed(long currentVersion) => new(
        $"The book has changed since you read it; its current ETag is {BookETag.Of(currentVersion)}.", BookETag.Of(currentVersion));
}
