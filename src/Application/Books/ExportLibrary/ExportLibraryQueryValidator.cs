using FluentValidation;

namespace CleanAuth.Application.Books.ExportLibrary;

public sealed class ExportLibraryQueryValidator : AbstractValidator<ExportLibraryQuery>
{
    public ExportLibraryQueryValidator() =>
        RuleFor(q => q.Format).Must(f => f is null or "csv" or "json").WithMessage("format must be csv or json.");
}
