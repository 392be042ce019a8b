using CleanAuth.Application.Authors.Common;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Authors;
using MediatR;

namespace CleanAuth.Application.Authors.GetAuthor;

/// <summary>One of the caller's authors, as the list shows it: what <c>POST /api/authors</c>' Location points at.</summary>
public sealed record GetAuthorQuery(string Id) : IRequest<AuthorResponse>, IRequireUser;

public sealed class GetAuthorQueryHandler(ICurrentUser currentUser, IAuthorRepository authors) : IRequestHandler<GetAuthorQuery, AuthorResponse>
{
    // The same words as DeleteAuthor's 404: another user's author, an unknown and a malformed id are one answer.
    public async Task<AuthorResponse> Handle(GetAuthorQuery request, CancellationToken cancellationToken) =>
        AuthorId.TryParse(request.Id, out var id) && await authors.FindAsync(currentUser.User.Id, id, cancellationToken) is { } author
            ? AuthorResponse.From(author)
            : throw new NotFoundException(DeleteAuthor.DeleteAuthorCommandHandler.NotFound);
}
