using CleanAuth.Domain.Common;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.Authors;

/// <summary>An author in one user's own list; that user's books may name it.</summary>
public sealed class Author(AuthorId id, UserId ownerId, string name, string country, bool bookerPrize, DateTimeOffset createdAt)
{
    public AuthorId Id { get; } = id;

    public UserId OwnerId { get; } = ownerId;

    public string Name { get; } = name;

    public string Country { get; } = country;

    public bool BookerPrize { get; } = bookerPrize;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public static Author Create(AuthorId id, UserId ownerId, PersonName name, string? country, bool bookerPrize, DateTimeOffset now) =>
        new(id, ownerId, name.Value, country is null ? "" : UnicodeText.Name(country), bookerPrize, now);
}
