using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.Books.ListBooks;

public sealed record ListBooksQuery(string? Category, string? Q, int? Page, int? PageSize)
    : IRequest<PagedResponse<BookResponse>>, IRequireUser
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class ListBooksQueryValidator : AbstractValidator<ListBooksQuery>
{
    public ListBooksQueryValidator()
    {
        RuleFor(q => q.Category).BookCategoryName().When(q => !string.IsNullOrEmpty(q.Category));
        RuleFor(q => q.Q).MaximumLength(BookRules.MaxTitleLength).WithMessage($"q must be at most {BookRules.MaxTitleLength} characters.");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("page must be 1 or more.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, ListBooksQuery.MaxPageSize)
            .WithMessage($"pageSize must be between 1 and {ListBooksQuery.MaxPageSize}.");
    }
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
