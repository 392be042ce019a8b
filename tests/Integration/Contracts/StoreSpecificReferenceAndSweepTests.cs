using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Authors.Ports;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Persistence.Embedded;
using CleanAuth.Infrastructure.Persistence.Mongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace CleanAuth.Tests.Integration.Contracts;

/// <summary>The embedded store deletes refresh tokens whose family is long over; MongoDB does that with TTL indexes.</summary>
public sealed class EmbeddedRefreshTokenSweepTests(EmbeddedStoreFixture fixture) : IClassFixture<EmbeddedStoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private readonly ObjectIdGenerator _ids = new();
    private readonly SqliteRefreshTokenStore _store = new(fixture.Store);

    private StoredRefreshToken Family(DateTimeOffset familyEnd) => new(
        _ids.NewId(), Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), UserId.From(_ids.NewId()), _ids.NewId(), "STAMP",
        familyEnd.AddDays(-30), familyEnd.AddDays(-16), familyEnd, null, null);

    [Fact]
    public async Task Tokens_and_families_over_before_the_cutoff_go_in_batches_and_nothing_else()
    {
        var cutoff = Now - StorageOptions.RefreshTokenRetention;
        var gone = Enumerable.Range(0, 5).Select(i => Family(cutoff.AddHours(-1 - i))).ToList();
        var kept = new[] { Family(cutoff.AddHours(1)), Family(Now.AddDays(20)) };
        foreach (var token in gone.Concat(kept))
        {
            await _store.StartSessionAsync(token, default);
        }

        // A rotated family has two token rows and one family row.
        var next = gone[0] with { Id = _ids.NewId(), TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = gone[0].CreatedAt.AddDays(1), ExpiresAt = gone[0].CreatedAt.AddDays(15) };
        (await _store.TryRotateAsync(gone[0], next, default)).Should().BeTrue();

        _store.SweepExpired(cutoff, batchSize: 2).Should().Be(6 + 5);

        foreach (var token in gone.Append(next))
        {
            (await _store.FindByHashAsync(token.TokenHash, default)).Should().BeNull();
        }

        foreach (var token in kept)
        {
            (await _store.FindByHashAsync(token.TokenHash, default)).Should().NotBeNull();
        }

        _store.SweepExpired(cutoff, batchSize: 2).Should().Be(0);
    }
}

/// <summary>MongoDB specifics of ADR 0032: TTL indexes sweep tokens; authors stored before counting (no <c>books</c>) are counted on first use.</summary>
public sealed class MongoWireTtlAndUncountedAuthorTests(MongoWireStoreFixture fixture) : IClassFixture<MongoWireStoreFixture>
{
    private readonly ObjectIdGenerator _ids = new();

    private async Task<string> OldAuthorAsync(string ownerId)
    {
        var id = _ids.NewId();
        await fixture.Store.Database.GetCollection<BsonDocument>("authors").InsertOneAsync(new BsonDocument
        {
            { "_id", ObjectId.Parse(id) }, { "ownerId", ownerId }, { "name", "Old" }, { "country", "" }, { "bookerPrize", false }, { "createdAt", DateTime.UtcNow },
        });
        return id;
    }

    [Fact]
    public async Task Refresh_tokens_and_families_expire_through_ttl_indexes_a_week_after_the_family_ends()
    {
        foreach (var (collection, field) in new[] { ("refreshTokens", "familyExpiresAt"), ("refreshFamilies", "expiresAt") })
        {
            var indexes = await (await fixture.Store.Database.GetCollection<BsonDocument>(collection).Indexes.ListAsync()).ToListAsync();
            var ttl = indexes.Should().ContainSingle(i => i.Contains("expireAfterSeconds")).Subject;
            ttl["key"].AsBsonDocument.Names.Should().Equal(field);
            ttl["expireAfterSeconds"].ToDouble().Should().Be(StorageOptions.RefreshTokenRetention.TotalSeconds);
        }
    }

    [Fact]
    public async Task An_old_author_named_by_books_is_counted_before_a_delete_or_a_reference()
    {
        var authors = new MongoAuthorRepository(fixture.Store);
        var books = new MongoBookRepository(fixture.Store);
        var owner = _ids.NewId();
        var named = await OldAuthorAsync(owner);
        var unnamed = await OldAuthorAsync(owner);
        var referenced = await OldAuthorAsync(owner);
        var cover = new Cover(new StoredImage(_ids.NewId(), "image/png", "\"a\"", 1), new StoredImage(_ids.NewId(), "image/jpeg", "\"b\"", 1), 10, 10);
        foreach (var (title, author) in new[] { ("One", named), ("Two", named), ("Three", referenced) })
        {
            (await books.TryAddAsync(Book.Add(BookId.From(_ids.NewId()), UserId.From(owner), BookTitle.Create(title), "", BookCategory.Create("science"), (author is { } __x ? AuthorId.From(__x) : null), cover, DateTimeOffset.UtcNow), default)).Should().BeTrue();
        }

        (await authors.DeleteAsync(UserId.From(owner), AuthorId.From(named), default)).Should().Be(AuthorDeletion.Referenced, "two books name it");
        (await authors.DeleteAsync(UserId.From(owner), AuthorId.From(unnamed), default)).Should().Be(AuthorDeletion.Deleted);
        (await authors.TryAddReferenceAsync(UserId.From(owner), AuthorId.From(referenced), default)).Should().BeTrue();
        await authors.ReleaseReferenceAsync(UserId.From(owner), AuthorId.From(referenced), default);
        (await authors.DeleteAsync(UserId.From(owner), AuthorId.From(referenced), default)).Should().Be(AuthorDeletion.Referenced, "the old book still names it");
        await authors.ReleaseReferenceAsync(UserId.From(owner), AuthorId.From(referenced), default);
        (await authors.DeleteAsync(UserId.From(owner), AuthorId.From(referenced), default)).Should().Be(AuthorDeletion.Deleted);
    }
}
