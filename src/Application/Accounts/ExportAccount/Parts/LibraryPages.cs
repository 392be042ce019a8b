using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary>The owner's books a page at a time, newest first: what one export holds in memory does not grow with the library.</summary>
public static class LibraryPages
{
    public const int PageSize = 100;

    public static async IAsyncEnumerable<IReadOnlyList<Book>> BooksAsync(
        IBookRepository books, UserId ownerId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var page = 1; ; page++)
        {
            var items = (await books.ListAsync(ownerId, new BookFilter(null, null, page, PageSize), cancellationToken)).Items;
            yield return items; // The last may be empty: nothing to write, so no need to hold it back.
            if (items.Count < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>The cover's path in the export: <c>covers/&lt;book id&gt;</c> with the extension of its type.</summary>
    public static string CoverPath(Book book) => $"covers/{book.Id.Value}{book.Cover?.Original.ContentType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        _ => ".jpg",
    }}";
}
