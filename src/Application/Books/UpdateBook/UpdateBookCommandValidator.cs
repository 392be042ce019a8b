using CleanAuth.Application.Books.Common;
using FluentValidation;

namespace CleanAuth.Application.Books.UpdateBook;

public sealed class UpdateBookCommandValidator : AbstractValidator<UpdateBookCommand>
{
    public UpdateBookCommandValidator()
    {
        RuleFor(c => c.Title).BookTitle().When(c => c.Title is not null);
        RuleFor(c => c.Description).BookDescription();
        RuleFor(c => c.Category).BookCategoryName().When(c => c.Category is not null);
        RuleFor(c => c.Cover).Must(c => c!.Length > 0).WithMessage("The cover file is empty.").When(c => c.Cover is not null);
    }
}
