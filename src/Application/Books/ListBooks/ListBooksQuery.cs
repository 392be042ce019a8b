using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.ListBooks;

/// <summary>A page of the caller's books: by number (<see cref="Page"/>) or after a <see cref="Cursor"/>, never both.</summary>
public sealed record ListBooksQuery(string? Category, string? Q, int? Page, int? PageSize, string? Sort = null, string? Cursor = null)
    : IRequest<BookList>, IRequireUser
{
    public const int DefaultPageSize = PagingRules.DefaultPageSize;
    public const int MaxPageSize = PagingRules.MaxPageSize;
}

/// <summary>One page and the cursor of the page after it (null at the end). <see cref="Page"/> is null on a cursor's page.</summary>
public sealed record BookList(IReadOnlyList<BookDetails> Items, int? Page, int PageSize, long TotalCount, string? Next);

public sealed class ListBooksQueryHandler(ICurrentUser currentUser, IBookRepository books)
    : IRequestHandler<ListBooksQuery, BookList>
{
    public async Task<BookList> Handle(ListBooksQuery request, CancellationToken cancellationToken)
    {
        // The validator has refused a cursor that is not ours or names another order than sort.
        // Stryker disable once Conditional: equivalent, Decode(null) is null too (a null string is an empty span).
        var cursor = request.Cursor is null ? null : BookCursor.Decode(request.Cursor);
        var order = cursor?.Order ?? BookSort.Parse(request.Sort);
        var size = request.PageSize ?? ListBooksQuery.DefaultPageSize;
        var filter = new BookFilter(
            BookCategory.Find(request.Category)?.Value,
            string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(),
            request.Page ?? 1,
            cursor is null ? size : size + 1, // After a cursor one more row says whether a page follows.
            order == BookOrder.Default ? null : order,
            cursor?.After);
        var found = await books.ListAsync(currentUser.User.Id, filter, cancellationToken);
        var items = found.Items.Take(size).ToList();
        var more = cursor is null ? filter.Skip + found.Items.Count < found.TotalCount : found.Items.Count > size;
        var next = more && items.Count > 0 ? BookCursor.Encode(filter.SortOrder, items[^1]) : null;
        return new BookList([.. items.Select(BookDetails.From)], cursor is null ? filter.Page : null, size, found.TotalCount, next);
    }
}
