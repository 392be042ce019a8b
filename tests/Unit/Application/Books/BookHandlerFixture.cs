using System.Globalization;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Tests.Unit.Application.Books;

/// <summary>
/// Alice as the current user, the book and author ports as in-memory fakes, and the real
/// <see cref="CoverUploader"/> and <see cref="AuthorReferences"/> over them.
/// </summary>
public sealed class BookHandlerFixture
{
    public const string OtherOwnerId = "000000000000000000000def";

    private int _seeded;

    public BookHandlerFixture()
    {
        Alice = Users.Seed(TestUsers.New(name: "Alice", email: "alice@example.com"));
        CurrentUser.Set(Users.FindByIdAsync(Alice.Id, default).Result!);
        Uploader = new CoverUploader(Images, Covers, Limits, Microsoft.Extensions.Logging.Abstractions.NullLogger<CoverUploader>.Instance);
        AuthorReferences = new AuthorReferences(Authors);
    }

    public InMemoryUserRepository Users { get; } = new();

    public InMemoryBookRepository Books { get; } = new();

    public InMemoryAuthorRepository Authors { get; } = new();

    public InMemoryCoverStore Covers { get; } = new();

    public FakeImageService Images { get; } = new();

    public SequentialIdGenerator Ids { get; } = new();

    public FakeTimeProvider Clock { get; } = new(TestUsers.Epoch);

    /// <summary>The limits the uploader checks; a test may change them before it acts.</summary>
    public CoverLimits Limits { get; } = new();

    public CurrentUserAccessor CurrentUser { get; } = new();

    public CoverUploader Uploader { get; }

    public AuthorReferences AuthorReferences { get; }

    /// <summary>The current user.</summary>
    public User Alice { get; }

    public string AliceId => Alice.Id.Value;

    /// <summary>Stores a book directly, with both of its cover files in the cover store.</summary>
    public Book SeedBook(
        string title,
        string? ownerId = null,
        string category = "fantasy",
        string? authorId = null,
        string description = "",
        DateTimeOffset? createdAt = null)
    {
        var n = ++_seeded;
        var cover = SeedCover($"original {n}", $"thumbnail {n}", 400 + n, 600 + n);
        var id = "5eed" + n.ToString("x20", CultureInfo.InvariantCulture);
        var book = Book.Add(BookId.From(id), UserId.From(ownerId ?? AliceId), BookTitle.Create(title), description, BookCategory.Create(category), authorId is null ? null : AuthorId.From(authorId), cover, createdAt ?? TestUsers.Epoch.AddMinutes(n));
        if (authorId is not null)
        {
            // As a stored book would have: its reference on the author (none when the author is not its owner's).
            _ = Authors.TryAddReferenceAsync(book.OwnerId, AuthorId.From(authorId), default).Result;
        }

        return Books.Seed(book);
    }

    /// <summary>Stores two files as a cover would have them.</summary>
    public Cover SeedCover(string originalText, string thumbnailText, int width = 400, int height = 600)
    {
        var original = System.Text.Encoding.UTF8.GetBytes(originalText);
        var thumbnail = System.Text.Encoding.UTF8.GetBytes(thumbnailText);
        return new Cover(
            new StoredImage(Covers.Seed(original, "image/png"), "image/png", $"\"etag-{originalText}\"", original.Length),
            new StoredImage(Covers.Seed(thumbnail, "image/jpeg"), "image/jpeg", $"\"etag-{thumbnailText}\"", thumbnail.Length),
            width,
            height);
    }

    public Author SeedAuthor(string name, string? ownerId = null)
    {
        var n = ++_seeded;
        var id = "a07" + n.ToString("x21", CultureInfo.InvariantCulture);
        return Authors.Seed(Author.Create(AuthorId.From(id), UserId.From(ownerId ?? AliceId), PersonName.Create(name), "UK", bookerPrize: false, TestUsers.Epoch));
    }
}
