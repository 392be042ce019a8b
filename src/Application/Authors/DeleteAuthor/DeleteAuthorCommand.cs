using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Authors;
using MediatR;

namespace CleanAuth.Application.Authors.DeleteAuthor;

public sealed record DeleteAuthorCommand(string Id) : IRequest<Unit>, IRequireUser;

public sealed class DeleteAuthorCommandHandler(ICurrentUser currentUser, IAuthorRepository authors)
    : IRequestHandler<DeleteAuthorCommand, Unit>
{
    public const string NotFound = "No such author.";
    public const string Referenced = "Books in your library name this author; change or delete them first.";

    // One conditional delete decides (no book may reference the author), so a book naming it cannot slip in between.
    // A malformed id is an unknown one: 404, like any author the caller does not have.
    public async Task<Unit> Handle(DeleteAuthorCommand request, CancellationToken cancellationToken) =>
        (AuthorId.TryParse(request.Id, out var id) ? await authors.DeleteAsync(currentUser.User.Id, id, cancellationToken) : AuthorDeletion.NotFound) switch
        {
            AuthorDeletion.Deleted => Unit.Value,
            AuthorDeletion.Referenced => throw new ConflictException(Referenced),
            _ => throw new NotFoundException(NotFound),
        };
}
