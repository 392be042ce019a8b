using CleanAuth.Application.Books.Common;
using FluentValidation;

namespace CleanAuth.Application.Books.ImportLibrary;

public sealed class ImportLibraryCommandValidator : AbstractValidator<ImportLibraryCommand>
{
    public ImportLibraryCommandValidator()
    {
        RuleFor(c => c.File).NotNull().WithMessage("A CSV file is required.")
            .Must(f => f is null || f.Length > 0).WithMessage("The file is empty.");
        RuleFor(c => c.DefaultCategory).BookCategoryName().When(c => !string.IsNullOrWhiteSpace(c.DefaultCategory));
    }
}
