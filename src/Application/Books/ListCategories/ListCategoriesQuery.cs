using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.ListCategories;

public sealed record ListCategoriesQuery : IRequest<IReadOnlyList<string>>, IRequireUser;

public sealed class ListCategoriesQueryHandler : IRequestHandler<ListCategoriesQuery, IReadOnlyList<string>>
{
    public Task<IReadOnlyList<string>> Handle(ListCategoriesQuery request, CancellationToken cancellationToken) =>
        Task.FromResult(BookCategory.All);
}
