using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Users;

namespace CleanAuth.Application.Accounts.ExportAccount.Parts;

/// <summary><c>authors.json</c>: the owner's authors.</summary>
public sealed class AuthorsPart(IAuthorRepository authors) : IAccountExportPart
{
    public Task WriteAsync(User user, IExportArchive archive, CancellationToken cancellationToken) =>
        archive.WriteArrayAsync("authors.json", ExportJson.Once(ListAsync(user, cancellationToken)), cancellationToken);

    private async Task<IReadOnlyList<AuthorRecord>> ListAsync(User user, CancellationToken cancellationToken) =>
        [.. (await authors.ListAsync(user.Id, cancellationToken)).Select(a => new AuthorRecord(a.Id.Value, a.Name, a.Country, a.BookerPrize, a.CreatedAt))];

    public sealed record AuthorRecord(string Id, string Name, string Country, bool BookerPrize, DateTimeOffset CreatedAt);
}
