using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.ListBooks;

public sealed record ListBooksQuery(string? Category, string? Q, int? Page, int? PageSize)
    : IRequest<PagedResponse<BookResponse>>, IRequireUser
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListBooksQueryHandler(ICurrentUser currentUser, IBookRepository books)
    : IRequestHandler<ListBooksQuery, PagedResponse<BookResponse>>
{
    public async Task<PagedResponse<BookResponse>> Handle(ListBooksQuery request, CancellationToken cancellationToken)
    {
        var filter = new BookFilter(
            BookCategory.Find(request.Category),
            string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(),
            request.Page ?? 1,
            request.PageSize ?? ListBooksQuery.DefaultPageSize);
        var page = await books.ListAsync(currentUser.User.Id, filter, cancellationToken);
        return new PagedResponse<BookResponse>([.. page.Items.Select(BookResponse.From)], page.PageNumber, page.PageSize, page.TotalCount);
    }
}
