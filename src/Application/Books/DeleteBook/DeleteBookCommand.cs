using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Application.Books.DeleteBook;

/// <summary>With <see cref="IfMatch"/> the book is deleted only if it is still at a revision it names (else 412).</summary>
public sealed record DeleteBookCommand(string Id, string? IfMatch = null) : IRequest<Unit>, IRequireUser;

public sealed class DeleteBookCommandHandler(ICurrentUser currentUser, IBookRepository books, AuthorReferences authors, CoverUploader covers)
    : IRequestHandler<DeleteBookCommand, Unit>
{
    public async Task<Unit> Handle(DeleteBookCommand request, CancellationToken cancellationToken)
    {
        var book = await books.FindOwnedAsync(currentUser.User.Id, request.Id, cancellationToken);
        var precondition = BookPrecondition.FromIfMatch(request.IfMatch);
        precondition?.Check(book);

        // The book goes first, then its files: at no moment does a book point at a missing file. Only the
        // version read is deleted: had a new cover replaced this one meanwhile, its files would be orphaned.
        if (!await books.DeleteAsync(book.OwnerId, book.Id, book.Version, cancellationToken))
        {
            await BookPreconditions.ThrowIfChangedAsync(books, book, precondition, cancellationToken);
            throw new ConflictException("The book was changed or deleted by another request; retry.");
        }

        await covers.DeleteAsync(book.Cover);
        await authors.ReleaseAsync(book.OwnerId, book.AuthorId); // Only now that the book no longer names the author.
        return Unit.Value;
    }
}
