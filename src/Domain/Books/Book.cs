namespace CleanAuth.Domain.Books;

/// <summary>A book in one user's private library. Every book has a cover.</summary>
public sealed class Book
{
    /// <summary>Rebuilds a book from storage; new books come from <see cref="Add"/>.</summary>
    public Book(
        string id,
        string ownerId,
        string title,
        string description,
        string category,
        string? authorId,
        Cover cover,
        DateTimeOffset createdAt,
        DateTimeOffset updatedAt,
        long version)
    {
        Id = id;
        OwnerId = ownerId;
        Title = title;
        Description = description;
        Category = category;
        AuthorId = authorId;
        Cover = cover;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
        Version = version;
    }

    public string Id { get; }

    public string OwnerId { get; }

    public string Title { get; private set; }

    /// <summary>The form of the title that "one title per owner" is decided on.</summary>
    public string NormalizedTitle => NormalizeTitle(Title);

    public string Description { get; private set; }

    public string Category { get; private set; }

    public string? AuthorId { get; private set; }

    public Cover Cover { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public long Version { get; private set; }

    public static Book Add(
        string id, string ownerId, string title, string description, string category, string? authorId, Cover cover, DateTimeOffset now)
    {
        var at = Time.ToMilliseconds(now);
        return new Book(id, ownerId, title.Trim(), description.Trim(), category, authorId, cover, at, at, 0);
    }

    public static string NormalizeTitle(string title) => title.Trim().ToUpperInvariant();

    /// <summary>Applies the text fields that were given (a null leaves that field as it is) and sets the author (null: none).</summary>
    public void Edit(string? title, string? description, string? category, string? authorId, DateTimeOffset now)
    {
        Title = title?.Trim() ?? Title;
        Description = description?.Trim() ?? Description;
        Category = category ?? Category;
        AuthorId = authorId;
        UpdatedAt = Time.ToMilliseconds(now);
    }

    public void ReplaceCover(Cover cover, DateTimeOffset now)
    {
        Cover = cover;
        UpdatedAt = Time.ToMilliseconds(now);
    }

    /// <summary>Called by a repository once an update made from this object has been stored.</summary>
    public void MarkSaved() => Version++;
}
