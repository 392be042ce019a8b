using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Application.Authors.DeleteAuthor;

public sealed record DeleteAuthorCommand(string Id) : IRequest<Unit>, IRequireUser;

public sealed class DeleteAuthorCommandHandler(ICurrentUser currentUser, IAuthorRepository authors, IBookRepository books)
    : IRequestHandler<DeleteAuthorCommand, Unit>
{
    public const string NotFound = "No such author.";

    public async Task<Unit> Handle(DeleteAuthorCommand request, CancellationToken cancellationToken)
    {
        var ownerId = currentUser.User.Id;
        var author = await authors.FindAsync(ownerId, request.Id, cancellationToken) ?? throw new NotFoundException(NotFound);
        if (await books.AnyByAuthorAsync(ownerId, author.Id, cancellationToken))
        {
            throw new ConflictException("Books in your library name this author; change or delete them first.");
        }

        return await authors.DeleteAsync(ownerId, author.Id, cancellationToken) ? Unit.Value : throw new NotFoundException(NotFound);
    }
}
