using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;

namespace CleanAuth.Domain.Books;

/// <summary>A book in one user's private library. A book added by hand has a cover; an imported one has none until one is added.</summary>
public sealed class Book
{
    /// <summary>Rebuilds a book from storage; new books come from <see cref="Add"/>.</summary>
    public Book(
        BookId id,
        UserId ownerId,
        string title,
        string description,
        string category,
        AuthorId? authorId,
        Cover? cover,
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

    public BookId Id { get; }

    public UserId OwnerId { get; }

    public string Title { get; private set; }

    /// <summary>The form of the title that "one title per owner" is decided on.</summary>
    public string NormalizedTitle => BookTitle.Normalize(Title);

    public string Description { get; private set; }

    public string Category { get; private set; }

    public AuthorId? AuthorId { get; private set; }

    /// <summary>Null for a book without a cover (an imported one, until an edit adds a cover).</summary>
    public Cover? Cover { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The stored revision this object was read at (or 0 for a new book); the store's conditional update gives the next one.</summary>
    public long Version { get; }

    public static Book Add(
        BookId id, UserId ownerId, BookTitle title, string description, BookCategory category, AuthorId? authorId, Cover? cover, DateTimeOffset now)
    {
        return new Book(id, ownerId, title.Value, description.Trim(), category.Value, authorId, cover, now, now, 0);
    }

    /// <summary>Applies the text fields that were given (a null leaves that field as it is) and sets the author (null: none).</summary>
    public void Edit(BookTitle? title, string? description, BookCategory? category, AuthorId? authorId, DateTimeOffset now)
    {
        Title = title?.Value ?? Title;
        Description = description?.Trim() ?? Description;
        Category = category?.Value ?? Category;
        AuthorId = authorId;
        UpdatedAt = now;
    }

    public void ReplaceCover(Cover cover, DateTimeOffset now)
    {
        Cover = cover;
        UpdatedAt = now;
    }
}
