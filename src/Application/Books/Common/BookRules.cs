using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Books;
using FluentValidation;

namespace CleanAuth.Application.Books.Common;

/// <summary>The field rules shared by adding and editing a book.</summary>
public static class BookRules
{
    public const int MaxTitleLength = Domain.Books.BookTitle.MaxLength;
    public const int MaxDescriptionLength = 4000;

    /// <summary>The rules of <see cref="Domain.Books.BookTitle"/>.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> BookTitle<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Satisfies(Domain.Books.BookTitle.Validate);

    public static IRuleBuilderOptions<T, string?> BookDescription<T>(this IRuleBuilderInitial<T, string?> rule) => rule
        .Must(d => d is null || d.Trim().Length <= MaxDescriptionLength)
        .WithMessage($"Description must be at most {MaxDescriptionLength} characters.");

    /// <summary>The rules of <see cref="BookCategory"/>.</summary>
    public static IRuleBuilderOptionsConditions<T, string?> BookCategoryName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Satisfies(BookCategory.Validate);
}
