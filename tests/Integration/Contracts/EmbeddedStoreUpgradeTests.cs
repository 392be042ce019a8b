using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Domain.Books;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Documents;
using CleanAuth.Infrastructure.Persistence.Embedded;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>An embedded store written before list keys and library sizes were kept still lists every book, with the right total.</summary>
public sealed class EmbeddedStoreUpgradeTests : IDisposable
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "cleanauth-tests", Guid.NewGuid().ToString("N"));
    private readonly ObjectIdGenerator _ids = new();

    [Fact]
    public async Task Books_stored_without_a_recency_key_or_a_library_size_are_listed_newest_first_with_their_total()
    {
        var owner = _ids.NewId();
        var older = OldStyleBook(owner, "Older", minutes: 0);
        var newer = OldStyleBook(owner, "Newer", minutes: 5);
        using (var before = new LiteStore(_dataPath))
        {
            // Written the way the previous version did: no recency key, no library size.
            before.Books.InsertBulk([older, newer]);
        }

        using var store = new LiteStore(_dataPath);
        var page = await new LiteBookRepository(store).ListAsync(owner, new BookFilter(null, null, 1, 20), default);

        page.Items.Select(b => b.Title).Should().Equal("Newer", "Older");
        page.TotalCount.Should().Be(2);
    }

    private BookDocument OldStyleBook(string owner, string title, int minutes)
    {
        var cover = new Cover(new StoredImage(_ids.NewId(), "image/png", "\"a\"", 1), new StoredImage(_ids.NewId(), "image/jpeg", "\"b\"", 1), 1, 1);
        var document = BookDocument.From(
            Book.Add(_ids.NewId(), owner, title, "d", "science", null, cover, new DateTimeOffset(2026, 1, 1, 0, minutes, 0, TimeSpan.Zero)), 0);
        document.OwnerRecency = "";
        return document;
    }

    public void Dispose() => Directory.Delete(_dataPath, recursive: true);
}
