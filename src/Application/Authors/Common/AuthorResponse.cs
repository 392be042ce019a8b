using CleanAuth.Domain.Authors;

namespace CleanAuth.Application.Authors.Common;

public sealed record AuthorResponse(string Id, string Name, string Country, bool BookerPrize, DateTimeOffset CreatedAt)
{
    public static AuthorResponse From(Author author) =>
        new(author.Id.Value, author.Name, author.Country, author.BookerPrize, author.CreatedAt);
}
