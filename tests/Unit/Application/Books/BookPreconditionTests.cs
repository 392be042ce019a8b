using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.DeleteBook;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Tests.Unit.Application.Books;

/// <summary>Writes under <c>If-Match</c> (ADR 0057): the tag is the book's version, and a stale one is a 412 naming the current tag.</summary>
public sealed class BookPreconditionTests
{
    private readonly BookHandlerFixture _fixture = new();

    [Theory]
    [InlineData("\"7\"", true, 7L)]
    [InlineData(" \"0\" ", true, 0L)]
    [InlineData("W/\"7\"", false, 0L)]
    [InlineData("\"-7\"", false, 0L)]
    [InlineData("\"+7\"", false, 0L)]
    [InlineData("\" 7\"", false, 0L)]
    [InlineData("\"\"", false, 0L)]
    [InlineData("\"", false, 0L)]
    [InlineData("7", false, 0L)]
    [InlineData("*", false, 0L)]
    [InlineData(null, false, 0L)]
    public void A_tag_is_a_quoted_version_and_nothing_else(string? tag, bool valid, long version)
    {
        BookETag.TryParse(tag, out var parsed).Should().Be(valid);
        parsed.Should().Be(version);
    }

    [Fact]
    public void A_version_is_written_as_a_quoted_number()
    {
        BookETag.Of(12345).Should().Be("\"12345\"");
        BookETag.TryParse(BookETag.Of(long.MaxValue), out var max).Should().BeTrue();
        max.Should().Be(long.MaxValue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_header_is_no_precondition(string? header) => BookPrecondition.FromIfMatch(header).Should().BeNull();

    [Fact]
    public void A_header_lists_tags_and_star_and_drops_what_is_not_a_tag_of_ours()
    {
        var precondition = BookPrecondition.FromIfMatch(" \"3\" , W/\"4\",,\"5\", junk, \"0\"")!;

        precondition.Any.Should().BeFalse();
        precondition.Versions.Should().Equal(3, 5, 0);
        BookPrecondition.FromIfMatch("\"3\", *")!.Any.Should().BeTrue();
        BookPrecondition.FromIfMatch("junk")!.Versions.Should().BeEmpty("a header of no tag of ours matches nothing");
    }

    [Fact]
    public async Task A_delete_naming_the_current_tag_or_star_deletes_and_a_stale_tag_is_a_412_with_the_current_one()
    {
        var book = _fixture.SeedBook("Dune");
        var kept = _fixture.SeedBook("Emma");
        var stale = BookETag.Of(book.Version + 1);

        var refused = () => Delete(book.Id.Value, stale);

        var failed = (await refused.Should().ThrowAsync<PreconditionFailedException>()).Which;
        failed.CurrentETag.Should().Be(BookETag.Of(book.Version));
        failed.Message.Should().Be($"The book has changed since you read it; its current ETag is {BookETag.Of(book.Version)}.");
        _fixture.Books.Stored(book.Id).Should().NotBeNull();
        await Delete(book.Id.Value, $"{stale}, {BookETag.Of(book.Version)}");
        await Delete(kept.Id.Value, "*");
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_delete_that_loses_a_race_under_a_tag_is_a_412_with_the_new_tag_and_without_one_a_409()
    {
        var book = _fixture.SeedBook("Dune");
        _fixture.Books.BeforeDelete = id => _fixture.Books.SimulateConcurrentWrite(id);

        var tagged = () => Delete(book.Id.Value, BookETag.Of(book.Version));
        var star = () => Delete(book.Id.Value, "*");

        (await tagged.Should().ThrowAsync<PreconditionFailedException>()).Which.CurrentETag.Should().Be(BookETag.Of(book.Version + 1));
        await star.Should().ThrowAsync<ConflictException>();
    }

    [Fact]
    public async Task A_delete_that_loses_to_a_delete_under_a_tag_is_not_found()
    {
        var book = _fixture.SeedBook("Dune");
        _fixture.Books.BeforeDelete = id =>
        {
            _fixture.Books.BeforeDelete = null; // the racing request deletes it first
            _fixture.Books.DeleteAsync(book.OwnerId, id, book.Version, default).Wait();
        };

        var act = () => Delete(book.Id.Value, BookETag.Of(book.Version));

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task An_update_under_a_stale_tag_is_a_412_and_changes_nothing_and_a_lost_race_under_a_tag_is_a_412_too()
    {
        var book = _fixture.SeedBook("Dune");
        var handler = new UpdateBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader, _fixture.Clock);

        var stale = () => handler.Handle(new UpdateBookCommand(book.Id.Value, "Emma", null, null, null, null, BookETag.Of(book.Version + 1)), default);
        (await stale.Should().ThrowAsync<PreconditionFailedException>()).Which.CurrentETag.Should().Be(BookETag.Of(book.Version));
        _fixture.Books.Stored(book.Id)!.Title.Should().Be("Dune");

        _fixture.Books.BeforeUpdate = b => _fixture.Books.SimulateConcurrentWrite(b.Id);
        var raced = () => handler.Handle(new UpdateBookCommand(book.Id.Value, "Emma", null, null, null, null, BookETag.Of(book.Version)), default);
        (await raced.Should().ThrowAsync<PreconditionFailedException>()).Which.CurrentETag.Should().Be(BookETag.Of(book.Version + 1));

        _fixture.Books.BeforeUpdate = null;
        var updated = await handler.Handle(new UpdateBookCommand(book.Id.Value, "Emma", null, null, null, null, BookETag.Of(book.Version + 1)), default);
        updated.Title.Should().Be("Emma");
    }

    private Task Delete(string id, string? ifMatch) =>
        new DeleteBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader).Handle(new DeleteBookCommand(id, ifMatch), default);
}
