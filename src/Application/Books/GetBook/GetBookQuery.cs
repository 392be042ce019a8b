using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Books.GetBook;

public sealed record GetBookQuery(string Id) : IRequest<BookResponse>, IRequireUser;

public sealed class GetBookQueryHandler(ICurrentUser currentUser, IBookRepository books) : IRequestHandler<GetBookQuery, BookResponse>
{
    public async Task<BookResponse> Handle(GetBookQuery request, CancellationToken cancellationToken) =>
        BookResponse.From(await books.FindOwnedAsync(currentUser.User.Id, request.Id, cancellationToken));
}
