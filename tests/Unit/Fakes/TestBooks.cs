using CleanAuth.Domain.Books;

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
        Book.Add(id, ownerId, title, "", category, authorId, Cover, createdAt ?? TestUsers.Epoch);
}
