using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Abstractions;
using FluentValidation;
using MediatR;

namespace CleanAuth.Application.Books.UpdateBook;

/// <summary>Every field is optional: a missing one is left as it is. An empty <c>authorId</c> removes the author.</summary>
public sealed record UpdateBookCommand(string Id, string? Title, string? Description, string? Category, string? AuthorId, IUploadedFile? Cover)
    : IRequest<BookResponse>, IRequireUser;

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
