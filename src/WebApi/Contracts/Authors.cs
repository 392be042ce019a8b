using CleanAuth.Application.Authors.CreateAuthor;
using AuthorDetails = CleanAuth.Application.Authors.Common.AuthorResponse;

namespace CleanAuth.WebApi.Contracts;

public sealed record CreateAuthorRequest(string Name, string? Country = null, bool BookerPrize = false)
{
    public CreateAuthorCommand ToCommand() => new(Name, Country, BookerPrize);
}

public sealed record AuthorResponse(string Id, string Name, string Country, bool BookerPrize, DateTimeOffset CreatedAt)
{
    public static string PathOf(string authorId) => $"/api/authors/{authorId}";

    public static AuthorResponse From(AuthorDetails author) => new(author.Id, author.Name, author.Country, author.BookerPrize, author.CreatedAt);
}
