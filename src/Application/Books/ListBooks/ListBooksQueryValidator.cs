using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Models;
using FluentValidation;

namespace CleanAuth.Application.Books.ListBooks;

public sealed class ListBooksQueryValidator : AbstractValidator<ListBooksQuery>
{
    public ListBooksQueryValidator()
    {
        RuleFor(q => q.Category).BookCategoryName().When(q => !string.IsNullOrEmpty(q.Category));
        RuleFor(q => q.Q).MaximumLength(BookRules.MaxTitleLength).WithMessage($"q must be at most {BookRules.MaxTitleLength} characters.");
        RuleFor(q => q.Page).PageNumber();
        RuleFor(q => q.PageSize).PageSize();
    }
}
