using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using MediatR;

namespace CleanAuth.Application.Books.GetCover;

/// <summary>A book's cover as uploaded, or its thumbnail; only for the book's owner.</summary>
public sealed record GetCoverQuery(string BookId, bool Thumbnail) : IRequest<CoverDownload>, IRequireUser;

/// <summary>An image to send: its bytes, media type and strong validator.</summary>
public sealed record CoverDownload(Stream Content, string ContentType, string ETag, long Length);

public sealed class GetCoverQueryHandler(ICurrentUser currentUser, IBookRepository books, ICoverStore store)
    : IRequestHandler<GetCoverQuery, CoverDownload>
{
    public async Task<CoverDownload> Handle(GetCoverQuery request, CancellationToken cancellationToken)
    {
        var book = await books.FindOwnedAsync(currentUser.User.Id, request.BookId, cancellationToken);
        var cover = book.Cover ?? throw new NotFoundException("This book has no cover.");
        var image = request.Thumbnail ? cover.Thumbnail : cover.Original;
        var content = await store.OpenAsync(image.FileId, cancellationToken)
            ?? throw new NotFoundException("The cover file is missing.");
        return new CoverDownload(content, image.ContentType, image.ETag, image.Length);
    }
}
