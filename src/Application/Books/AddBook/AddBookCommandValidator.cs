using CleanAuth.Application.Books.Common;
using FluentValidation;

namespace CleanAuth.Application.Books.AddBook;

public sealed class AddBookCommandValidator : AbstractValidator<AddBookCommand>
{
    public AddBookCommandValidator()
    {
        RuleFor(c => c.Title).BookTitle();
        RuleFor(c => c.Description).BookDescription();
        RuleFor(c => c.Category).BookCategoryName();
        RuleFor(c => c.Cover).NotNull().WithMessage("A cover image is required.")
            .Must(c => c is null || c.Length > 0).WithMessage("The cover file is empty.");
    }
}
