using CleanAuth.Domain.Books;
using FluentValidation;

namespace CleanAuth.Application.Books.Common;

/// <summary>The field rules shared by adding and editing a book.</summary>
public static class BookRules
{
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 4000;

    public static IRuleBuilderOptions<T, string?> BookTitle<T>(this IRuleBuilderInitial<T, string?> rule) => rule
        .Cascade(CascadeMode.Stop)
        .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Title is required.")
        .Must(t => t!.Trim().Length <= MaxTitleLength).WithMessage($"Title must be at most {MaxTitleLength} characters.")
        .Must(t => !t!.Any(char.IsControl)).WithMessage("Title must not contain control characters.");

    public static IRuleBuilderOptions<T, string?> BookDescription<T>(this IRuleBuilderInitial<T, string?> rule) => rule
        .Must(d => d is null || d.Trim().Length <= MaxDescriptionLength)
        .WithMessage($"Description must be at most {MaxDescriptionLength} characters.");

    public static IRuleBuilderOptions<T, string?> BookCategoryName<T>(this IRuleBuilderInitial<T, string?> rule) => rule
        .Must(c => BookCategory.Find(c) is not null)
        .WithMessage($"Category must be one of: {string.Join(", ", BookCategory.All)}.");
}
