using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Abstractions;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.Books.AddBook;

public sealed record AddBookCommand(string? Title, string? Description, string? Category, string? AuthorId, IUploadedFile? Cover)
    : IRequest<BookResponse>, IRequireUser;

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
