using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using MediatR;

namespace CleanAuth.Application.Books.GetBook;

public sealed record GetBookQuery(string Id) : IRequest<BookDetails>, IRequireUser;

public sealed class GetBookQueryHandler(ICurrentUser currentUser, IBookRepository books) : IRequestHandler<GetBookQuery, BookDetails>
{
    public async Task<BookDetails> Handle(GetBookQuery request, CancellationToken cancellationToken) =>
        BookDetails.From(await books.FindOwnedAsync(currentUser.User.Id, request.Id, cancellationToken));
}
