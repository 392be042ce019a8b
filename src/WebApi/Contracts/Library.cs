using CleanAuth.Application.Books.ListBooks;
using CleanAuth.WebApi.Endpoints;

namespace CleanAuth.WebApi.Contracts;

/// <summary>
/// A page of books. <c>next</c> is the opaque cursor of the page after this one, for <c>?cursor=</c> (null at the
/// end); <c>page</c> is null on a page reached by cursor. <c>totalCount</c> counts every book that matches.
/// </summary>
public sealed record BookPage(IReadOnlyList<BookResponse> Items, int? Page, int PageSize, long TotalCount, string? Next)
{
    public static BookPage From(BookList list) =>
        new([.. list.Items.Select(BookResponse.From)], list.Page, list.PageSize, list.TotalCount, list.Next);
}
