using CleanAuth.Application.Authors.Common;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Authors.ListAuthors;

public sealed record ListAuthorsQuery : IRequest<IReadOnlyList<AuthorResponse>>, IRequireUser;

public sealed class ListAuthorsQueryHandler(ICurrentUser currentUser, IAuthorRepository authors)
    : IRequestHandler<ListAuthorsQuery, IReadOnlyList<AuthorResponse>>
{
    public async Task<IReadOnlyList<AuthorResponse>> Handle(ListAuthorsQuery request, CancellationToken cancellationToken) =>
        [.. (await authors.ListAsync(currentUser.User.Id, cancellationToken)).Select(AuthorResponse.From)];
}
