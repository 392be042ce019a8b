using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.ListBooks;

public sealed record ListBooksQuery(string? Category, string? Q, int? Page, int? PageSize)
    : IRequest<PagedList<BookDetails>>, IRequireUser
{
    public const int DefaultPageSize = PagingRules.DefaultPageSize;
    public const int MaxPageSize = PagingRules.MaxPageSize;
}

public sealed class ListBooksQueryHandler(ICurrentUser currentUser, IBookRepository books)
    : IRequestHandler<ListBooksQuery, PagedList<BookDetails>>
{
    public async Task<PagedList<BookDetails>> Handle(ListBooksQuery request, CancellationToken cancellationToken)
    {
        var filter = new BookFilter(
            BookCategory.Find(request.Category)?.Value,
            string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim(),
            request.Page ?? 1,
            request.PageSize ?? ListBooksQuery.DefaultPageSize);
        return (await books.ListAsync(currentUser.User.Id, filter, cancellationToken)).Map(BookDetails.From);
    }
}
