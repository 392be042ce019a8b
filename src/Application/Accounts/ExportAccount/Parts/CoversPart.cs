using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>covers/</c>: each book's original cover, streamed from the store one at a time (thumbnails are derived, so left out).</summary>
public sealed class CoversPart(IBookRepository books, ICoverStore covers) : IAccountExportPart
{
    public async Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken)
    {
        await foreach (var page in LibraryPages.BooksAsync(books, user.Id, cancellationToken))
        {
            foreach (var book in page)
            {
                if (book.Cover is null)
                {
                    continue; // An imported book has no cover until one is uploaded.
                }

                await using var content = await covers.OpenAsync(book.Cover.Original.FileId, cancellationToken);
                if (content is not null)
                {
                    await archive.AddAsync(LibraryPages.CoverPath(book), content.CopyToAsync, cancellationToken);
                }
            }
        }
    }
}
