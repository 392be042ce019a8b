using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using MediatR;

namespace CleanAuth.Application.Books.AddBook;

public sealed record AddBookCommand(string? Title, string? Description, string? Category, string? AuthorId, IUploadedFile? Cover)
    : IRequest<BookDetails>, IRequireUser;

public sealed class AddBookCommandHandler(
    ICurrentUser currentUser,
    IBookRepository books,
    AuthorReferences authors,
    CoverUploader covers,
    IIdGenerator ids,
    TimeProvider timeProvider) : IRequestHandler<AddBookCommand, BookDetails>
{
    public async Task<BookDetails> Handle(AddBookCommand request, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.User.Id;
        var title = BookTitle.Create(request.Title);
        var category = BookCategory.Create(request.Category);
        var authorId = await authors.CheckAsync(ownerId, request.AuthorId, cancellationToken);
        if (await books.TitleExistsAsync(ownerId, title, null, cancellationToken))
        {
            throw new DuplicateBookTitleException();
        }

        // Files first, then the book: a book never points at a missing file, and if the book cannot be
        // stored its files are removed again.
        var cover = await covers.StoreAsync(request.Cover!, cancellationToken);
        var book = Book.Add(ids.NewBookId(), ownerId, title, request.Description ?? "", category, authorId, cover, timeProvider.GetUtcNow());
        try
        {
            // The author's reference is the deciding write: if the author was deleted since the check, this is a 400.
            if (!await authors.StoreNamingAsync(ownerId, authorId, () => books.TryAddAsync(book, cancellationToken), cancellationToken))
            {
                throw new DuplicateBookTitleException();
            }
        }
        catch
        {
            await covers.DeleteAsync(cover);
            throw;
        }

        return BookDetails.From(book);
    }
}
