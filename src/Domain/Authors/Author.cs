using CleanAuth.Domain.Common;
namespace CleanAuth.Domain.Authors;

/// <summary>An author in one user's own list; that user's books may name it.</summary>
public sealed class Author(string id, string ownerId, string name, string country, bool bookerPrize, DateTimeOffset createdAt)
{
    public string Id { get; } = id;

    public string OwnerId { get; } = ownerId;

    public string Name { get; } = name;

    public string Country { get; } = country;

    public bool BookerPrize { get; } = bookerPrize;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public static Author Create(string id, string ownerId, string name, string? country, bool bookerPrize, DateTimeOffset now) =>
        new(id, ownerId, UnicodeText.Name(name), country is null ? "" : UnicodeText.Name(country), bookerPrize, Time.ToMilliseconds(now));
}
