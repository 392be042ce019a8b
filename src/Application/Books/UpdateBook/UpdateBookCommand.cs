using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.UpdateBook;

/// <summary>
/// Every field is optional: a missing one is left as it is. An empty <c>authorId</c> removes the author. With
/// <see cref="IfMatch"/> the change is stored only if the book is still at a revision it names (else 412).
/// </summary>
public sealed record UpdateBookCommand(
    string Id, string? Title, string? Description, string? Category, string? AuthorId, IUploadedFile? Cover, string? IfMatch = null)
    : IRequest<BookDetails>, IRequireUser;

public sealed class UpdateBookCommandHandler(
    ICurrentUser currentUser,
    IBookRepository books,
    AuthorReferences authors,
    CoverUploader covers,
    TimeProvider timeProvider) : IRequestHandler<UpdateBookCommand, BookDetails>
{
    public async Task<BookDetails> Handle(UpdateBookCommand request, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.User.Id;
        var book = await books.FindOwnedAsync(ownerId, request.Id, cancellationToken);
        var precondition = BookPrecondition.FromIfMatch(request.IfMatch);
        precondition?.Check(book);
        var title = request.Title is null ? null : BookTitle.Create(request.Title);
        var authorId = request.AuthorId is null ? book.AuthorId : await authors.CheckAsync(ownerId, request.AuthorId, cancellationToken);
        if (title is not null && await books.TitleExistsAsync(ownerId, title, book.Id, cancellationToken))
        {
            throw new DuplicateBookTitleException();
        }

        var previousAuthorId = book.AuthorId;
        var now = timeProvider.GetUtcNow();
        book.Edit(title, request.Description, request.Category is null ? null : BookCategory.Create(request.Category), authorId, now);
        var oldCover = book.Cover;
        if (request.Cover is not null)
        {
            book.ReplaceCover(await covers.StoreAsync(request.Cover, cancellationToken), now);
        }

        long version = 0;
        try
        {
            // A newly named author is referenced before the book names it; the one it named before is released after.
            // The write is conditional on the version read, which the precondition matched: a stale tag cannot win.
            await authors.StoreNamingAsync(ownerId, authorId == previousAuthorId ? null : authorId, async () =>
            {
                version = await books.UpdateAsync(book, precondition, cancellationToken);
                return true;
            }, cancellationToken);
        }
        catch when (book.Cover != oldCover)
        {
            await covers.DeleteAsync(book.Cover);
            throw;
        }

        if (book.Cover != oldCover)
        {
            await covers.DeleteAsync(oldCover); // Only once no book points at them any more.
        }

        if (authorId != previousAuthorId)
        {
            await authors.ReleaseAsync(ownerId, previousAuthorId);
        }

        return BookDetails.AsStored(book, version);
    }
}
