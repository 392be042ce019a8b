using System.Security.Cryptography;
using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class AddBookCommandHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly AddBookCommandHandler _handler;

    public AddBookCommandHandlerTests() => _handler = new AddBookCommandHandler(
        _fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader, _fixture.Ids, _fixture.Clock);

    [Fact]
    public async Task Stores_the_book_and_both_cover_files()
    {
        var upload = FakeUpload.Png();

        var result = await _handler.Handle(Command(title: "  Dune  ", description: " Spice. ", category: "Science", cover: upload), default);

        result.Id.Should().Be("000000000000000000000001");
        result.Title.Should().Be("Dune");
        result.Description.Should().Be("Spice.");
        result.Category.Should().Be("science");
        result.AuthorId.Should().BeNull();
        result.CoverWidth.Should().Be(600);
        result.CoverHeight.Should().Be(900);

        var stored = _fixture.Books.Stored(BookId.From(result.Id))!;
        stored.OwnerId.Should().Be(UserId.From(_fixture.AliceId));
        stored.Title.Should().Be("Dune");
        stored.Version.Should().Be(0);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([stored.Cover!.Original.FileId, stored.Cover!.Thumbnail.FileId]);
        _fixture.Covers.File(stored.Cover!.Original.FileId)!.Content.Should().Equal(upload.Content);
        _fixture.Covers.File(stored.Cover!.Original.FileId)!.ContentType.Should().Be("image/png");
        _fixture.Covers.File(stored.Cover!.Thumbnail.FileId)!.Content.Should().Equal(FakeImageService.ThumbnailBytes);
        _fixture.Covers.File(stored.Cover!.Thumbnail.FileId)!.ContentType.Should().Be("image/jpeg");
    }

    [Fact]
    public async Task The_stored_images_carry_their_type_length_and_a_strong_etag_of_their_bytes()
    {
        var upload = FakeUpload.Png(100);

        var result = await _handler.Handle(Command(cover: upload), default);

        var cover = _fixture.Books.Stored(BookId.From(result.Id))!.Cover!;
        cover.Original.ContentType.Should().Be("image/png");
        cover.Original.Length.Should().Be(100);
        cover.Original.ETag.Should().Be(ETagOf(upload.Content));
        cover.Thumbnail.ContentType.Should().Be("image/jpeg");
        cover.Thumbnail.Length.Should().Be(FakeImageService.ThumbnailBytes.Length);
        cover.Thumbnail.ETag.Should().Be(ETagOf(FakeImageService.ThumbnailBytes));
        cover.Width.Should().Be(600);
        cover.Height.Should().Be(900);
    }

    [Fact]
    public async Task The_upload_goes_to_the_image_service_as_it_was_sent()
    {
        var upload = FakeUpload.Png();

        await _handler.Handle(Command(cover: upload), default);

        _fixture.Images.Calls.Should().ContainSingle().Which.Should().Equal(upload.Content);
    }

    [Fact]
    public async Task A_missing_description_is_stored_as_empty()
    {
        var result = await _handler.Handle(Command(description: null), default);

        result.Description.Should().BeEmpty();
        _fixture.Books.Stored(BookId.From(result.Id))!.Description.Should().BeEmpty();
    }

    [Fact]
    public async Task CreatedAt_and_UpdatedAt_are_the_clock_time()
    {
        _fixture.Clock.Advance(TimeSpan.FromMilliseconds(123));

        var result = await _handler.Handle(Command(), default);

        var expected = TestUsers.Epoch.AddMilliseconds(123);
        result.CreatedAt.Should().Be(expected);
        result.UpdatedAt.Should().Be(expected);
        _fixture.Books.Stored(BookId.From(result.Id))!.CreatedAt.Ticks.Should().Be(expected.Ticks);
    }

    [Fact]
    public async Task Names_one_of_the_owners_authors()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");

        var result = await _handler.Handle(Command(authorId: $"  {author.Id} "), default);

        result.AuthorId.Should().Be(author.Id.Value);
        _fixture.Books.Stored(BookId.From(result.Id))!.AuthorId.Should().Be(author.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_author_id_means_no_author(string authorId)
    {
        var result = await _handler.Handle(Command(authorId: authorId), default);

        _fixture.Books.Stored(BookId.From(result.Id))!.AuthorId.Should().BeNull();
    }

    [Theory]
    [InlineData("Dune")]
    [InlineData("DUNE")]
    [InlineData("  DUNE  ")]
    public async Task A_second_book_with_the_same_title_is_a_conflict_and_stores_no_file(string sameTitle)
    {
        var existing = _fixture.SeedBook("Dune");
        var filesBefore = _fixture.Covers.LiveFileIds;

        var act = () => _handler.Handle(Command(title: sameTitle), default);

        await act.Should().ThrowAsync<DuplicateBookTitleException>();
        _fixture.Books.Count.Should().Be(1);
        _fixture.Books.Stored(existing.Id)!.Title.Should().Be("Dune");
        _fixture.Images.Calls.Should().BeEmpty();
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo(filesBefore);
    }

    [Fact]
    public async Task Another_owner_may_have_a_book_with_the_same_title()
    {
        _fixture.SeedBook("Dune", ownerId: BookHandlerFixture.OtherOwnerId);

        var result = await _handler.Handle(Command(title: "Dune"), default);

        _fixture.Books.Stored(BookId.From(result.Id))!.OwnerId.Should().Be(UserId.From(_fixture.AliceId));
        _fixture.Books.Count.Should().Be(2);
    }

    [Fact]
    public async Task Naming_another_owners_author_is_a_validation_error_on_authorId_and_stores_nothing()
    {
        var theirs = _fixture.SeedAuthor("Not Yours", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(Command(authorId: theirs.Id.Value), default);

        var errors = (await act.Should().ThrowAsync<ValidationException>()).Which.Errors;
        errors.Keys.Should().Equal(AuthorReferences.Field);
        errors[AuthorReferences.Field].Should().Equal("No such author in your list.");
        _fixture.Books.Count.Should().Be(0);
        _fixture.Images.Calls.Should().BeEmpty();
        _fixture.Covers.SaveCalls.Should().Be(0);
    }

    [Fact]
    public async Task Naming_an_unknown_author_is_the_same_validation_error()
    {
        var act = () => _handler.Handle(Command(authorId: "000000000000000000000404"), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal("authorId");
        _fixture.Covers.SaveCalls.Should().Be(0);
    }

    [Fact]
    public async Task When_the_thumbnail_cannot_be_stored_the_original_file_is_deleted_and_no_book_exists()
    {
        var failure = new IOException("disk full");
        _fixture.Covers.FailSave(2, failure);

        var act = () => _handler.Handle(Command(), default);

        (await act.Should().ThrowAsync<IOException>()).Which.Should().BeSameAs(failure);
        _fixture.Covers.SaveCalls.Should().Be(2);
        _fixture.Covers.DeletedFileIds.Should().ContainSingle();
        _fixture.Covers.LiveFileIds.Should().BeEmpty("the original stored first must not be left as an orphan");
        _fixture.Books.Count.Should().Be(0);
        _fixture.Books.AddCalls.Should().Be(0);
    }

    [Fact]
    public async Task When_the_original_cannot_be_stored_nothing_is_stored()
    {
        _fixture.Covers.FailSave(1);

        var act = () => _handler.Handle(Command(), default);

        await act.Should().ThrowAsync<IOException>();
        _fixture.Covers.SaveCalls.Should().Be(1);
        _fixture.Covers.LiveFileIds.Should().BeEmpty();
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task When_the_insert_loses_a_race_for_the_title_both_files_are_deleted_and_it_is_a_conflict()
    {
        _fixture.Books.RefuseNextAdd();

        var act = () => _handler.Handle(Command(), default);

        await act.Should().ThrowAsync<DuplicateBookTitleException>();
        _fixture.Covers.SaveCalls.Should().Be(2);
        _fixture.Covers.DeletedFileIds.Should().HaveCount(2);
        _fixture.Covers.LiveFileIds.Should().BeEmpty();
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task When_the_insert_throws_both_files_are_deleted_and_the_error_is_not_masked()
    {
        var failure = new StorageUnavailableException("The store is unavailable.", new TimeoutException());
        _fixture.Books.FailNextAdd(failure);

        var act = () => _handler.Handle(Command(), default);

        (await act.Should().ThrowAsync<StorageUnavailableException>()).Which.Should().BeSameAs(failure);
        _fixture.Covers.DeletedFileIds.Should().HaveCount(2);
        _fixture.Covers.LiveFileIds.Should().BeEmpty();
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_image_of_an_unsupported_type_stores_nothing()
    {
        _fixture.Images.Failure = new UnsupportedMediaException("The cover must be a JPEG, PNG, WebP or GIF image.");

        var act = () => _handler.Handle(Command(), default);

        await act.Should().ThrowAsync<UnsupportedMediaException>();
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_corrupt_or_oversized_image_is_a_validation_error_on_the_cover_field_and_stores_nothing()
    {
        _fixture.Images.Failure = new InvalidImageException("The image is truncated or corrupt.");

        var act = () => _handler.Handle(Command(), default);

        var errors = (await act.Should().ThrowAsync<ValidationException>()).Which.Errors;
        errors.Keys.Should().Equal("cover");
        errors["cover"].Should().Equal("The image is truncated or corrupt.");
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_upload_over_the_byte_limit_is_refused_before_it_is_read_or_decoded()
    {
        _fixture.Limits.MaxUploadBytes = 1024;
        var upload = FakeUpload.Png(1025);

        var act = () => _handler.Handle(Command(cover: upload), default);

        await act.Should().ThrowAsync<ContentTooLargeException>();
        upload.OpenCount.Should().Be(0);
        _fixture.Images.Calls.Should().BeEmpty();
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Books.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_upload_of_exactly_the_byte_limit_is_accepted()
    {
        _fixture.Limits.MaxUploadBytes = 1024;

        var result = await _handler.Handle(Command(cover: FakeUpload.Png(1024)), default);

        _fixture.Books.Stored(BookId.From(result.Id))!.Cover!.Original.Length.Should().Be(1024);
    }

    [Fact]
    public async Task The_default_byte_limit_is_10_MB()
    {
        var act = () => _handler.Handle(Command(cover: FakeUpload.Png((10 * 1024 * 1024) + 1)), default);

        (await act.Should().ThrowAsync<ContentTooLargeException>()).WithMessage("*10 MB*");
        _fixture.Images.Calls.Should().BeEmpty();
    }

    private static AddBookCommand Command(
        string? title = "Dune",
        string? description = "",
        string? category = "science",
        string? authorId = null,
        IUploadedFile? cover = null) =>
        new(title, description, category, authorId, cover ?? FakeUpload.Png());

    private static string ETagOf(byte[] content) => $"\"{Convert.ToHexStringLower(SHA256.HashData(content))}\"";
}
