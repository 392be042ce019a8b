using CleanAuth.Application.Books.Common;
using FluentValidation;

namespace CleanAuth.Application.Books.ListBooks;

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
