using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Models;
using FluentValidation;

namespace CleanAuth.Application.Books.ListBooks;

public sealed class ListBooksQueryValidator : AbstractValidator<ListBooksQuery>
{
    private const int MaxCursorLength = 2048;

    public ListBooksQueryValidator()
    {
        RuleFor(q => q.Category).BookCategoryName().When(q => !string.IsNullOrEmpty(q.Category));
        RuleFor(q => q.Q).MaximumLength(BookRules.MaxTitleLength).WithMessage($"q must be at most {BookRules.MaxTitleLength} characters.");
        RuleFor(q => q.Page).PageNumber();
        RuleFor(q => q.PageSize).PageSize();
        RuleFor(q => q.Sort).Must(s => BookSort.Parse(s) is not null).WithMessage(BookSort.Message).When(q => q.Sort is not null);
        RuleFor(q => q.Cursor)
            .Must(c => c!.Length <= MaxCursorLength && BookCursor.Decode(c) is not null).WithMessage("cursor is not a cursor this list gave.")
            .Must((q, c) => q.Sort is null || BookCursor.Decode(c!)?.Order == BookSort.Parse(q.Sort))
            .WithMessage("cursor belongs to another sort; pass the same sort or none.")
            .When(q => q.Cursor is not null);
        RuleFor(q => q.Page).Null().WithMessage("page and cursor cannot be given together.").When(q => q.Cursor is not null);
    }
}
