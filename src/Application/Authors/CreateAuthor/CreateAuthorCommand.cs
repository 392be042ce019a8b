using CleanAuth.Application.Authors.Common;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;
using MediatR;

namespace CleanAuth.Application.Authors.CreateAuthor;

public sealed record CreateAuthorCommand(string Name, string? Country = null, bool BookerPrize = false) : IRequest<AuthorResponse>, IRequireUser;

public sealed class CreateAuthorCommandHandler(ICurrentUser currentUser, IAuthorRepository authors, IIdGenerator ids, TimeProvider timeProvider)
    : IRequestHandler<CreateAuthorCommand, AuthorResponse>
{
    public async Task<AuthorResponse> Handle(CreateAuthorCommand request, CancellationToken cancellationToken)
    {
        var author = Author.Create(ids.NewAuthorId(), currentUser.User.Id, PersonName.Create(request.Name), request.Country, request.BookerPrize, timeProvider.GetUtcNow());
        await authors.AddAsync(author, cancellationToken);
        return AuthorResponse.From(author);
    }
}
