using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;

namespace CleanAuth.Tests.Unit.Fakes;

public static class TestBooks
{
    public static readonly Cover Cover = new(
        new StoredImage("original-file", "image/png", "\"original\"", 1_000),
        new StoredImage("thumbnail-file", "image/jpeg", "\"thumbnail\"", 100),
        400,
        600);

    public static Book New(
        string id = "000000000000000000000b01",
        string ownerId = "000000000000000000000abc",
        string title = "Dune",
        string category = "science",
        string? authorId = null,
        DateTimeOffset? createdAt = null) =>
        Book.Add(BookId.From(id), UserId.From(ownerId), BookTitle.Create(title), "", BookCategory.Create(category), authorId is null ? null : AuthorId.From(authorId), Cover, createdAt ?? TestUsers.Epoch);
}
