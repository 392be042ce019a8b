using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class UpdateBookCommandHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly UpdateBookCommandHandler _handler;
    private readonly Book _book;

    public UpdateBookCommandHandlerTests()
    {
        _handler = new UpdateBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader, _fixture.Clock);
        _book = _fixture.SeedBook("Dune", category: "science", authorId: _fixture.SeedAuthor("Frank Herbert").Id.Value, description: "Spice.");
    }

    [Fact]
    public async Task Only_the_given_fields_change()
    {
        var result = await _handler.Handle(Command(title: "  Dune Messiah "), default);

        result.Title.Should().Be("Dune Messiah");
        var stored = _fixture.Books.Stored(_book.Id)!;
        stored.Title.Should().Be("Dune Messiah");
        stored.Description.Should().Be(_book.Description);
        stored.Category.Should().Be(_book.Category);
        stored.AuthorId.Should().Be(_book.AuthorId);
        stored.Cover.Should().Be(_book.Cover);
        stored.Version.Should().Be(_book.Version + 1);
        result.ETag.Should().Be(BookETag.Of(stored.Version), "the answer names the version the store wrote");
        _fixture.Images.Calls.Should().BeEmpty();
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Covers.DeletedFileIds.Should().BeEmpty();
    }

    [Fact]
    public async Task Description_and_category_change_and_the_category_is_stored_in_its_canonical_spelling()
    {
        var result = await _handler.Handle(Command(description: " Sand and worms. ", category: "HORROR"), default);

        result.Description.Should().Be("Sand and worms.");
        result.Category.Should().Be("horror");
        var stored = _fixture.Books.Stored(_book.Id)!;
        stored.Title.Should().Be("Dune");
        stored.Description.Should().Be("Sand and worms.");
        stored.Category.Should().Be("horror");
    }

    [Fact]
    public async Task UpdatedAt_moves_with_the_clock_and_CreatedAt_does_not()
    {
        _fixture.Clock.Advance(TimeSpan.FromHours(2));

        var result = await _handler.Handle(Command(description: "later"), default);

        result.UpdatedAt.Should().Be(TestUsers.Epoch.AddHours(2));
        result.CreatedAt.Should().Be(_book.CreatedAt);
        _fixture.Books.Stored(_book.Id)!.UpdatedAt.Should().Be(TestUsers.Epoch.AddHours(2));
    }

    [Fact]
    public async Task A_missing_author_id_keeps_the_author()
    {
        await _handler.Handle(Command(authorId: null, title: "Dune 2"), default);

        _fixture.Books.Stored(_book.Id)!.AuthorId.Should().Be(_book.AuthorId);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task An_empty_author_id_removes_the_author(string authorId)
    {
        var result = await _handler.Handle(Command(authorId: authorId), default);

        result.AuthorId.Should().BeNull();
        _fixture.Books.Stored(_book.Id)!.AuthorId.Should().BeNull();
    }

    [Fact]
    public async Task Another_of_the_owners_authors_can_be_named()
    {
        var other = _fixture.SeedAuthor("Brian Herbert");

        await _handler.Handle(Command(authorId: other.Id.Value), default);

        _fixture.Books.Stored(_book.Id)!.AuthorId.Should().Be(other.Id);
    }

    [Fact]
    public async Task Naming_another_owners_author_is_a_validation_error_and_changes_nothing()
    {
        var theirs = _fixture.SeedAuthor("Not Yours", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(Command(title: "Renamed", authorId: theirs.Id.Value, cover: FakeUpload.Png()), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal("authorId");
        AssertUnchanged();
        _fixture.Covers.SaveCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_new_cover_replaces_the_old_one_whose_files_are_deleted_only_after_the_update()
    {
        IReadOnlySet<string>? liveDuringUpdate = null;
        _fixture.Books.BeforeUpdate = _ => liveDuringUpdate = _fixture.Covers.LiveFileIds;
        var upload = FakeUpload.Png(80);

        var result = await _handler.Handle(Command(cover: upload), default);

        var stored = _fixture.Books.Stored(_book.Id)!;
        stored.Cover.Should().NotBe(_book.Cover);
        stored.Cover!.Original.Length.Should().Be(80);
        stored.Cover!.Width.Should().Be(600);
        stored.Title.Should().Be("Dune");
        result.CoverWidth.Should().Be(600);
        result.CoverHeight.Should().Be(900);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([stored.Cover!.Original.FileId, stored.Cover!.Thumbnail.FileId]);
        _fixture.Covers.File(stored.Cover!.Original.FileId)!.Content.Should().Equal(upload.Content);
        liveDuringUpdate.Should().Contain([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId],
            "the stored book still points at the old files until the update succeeded");
    }

    [Fact]
    public async Task When_the_update_conflicts_the_new_cover_files_are_deleted_and_the_old_ones_kept()
    {
        // Another request saves the book between this handler's read and its write.
        _fixture.Books.BeforeUpdate = b => _fixture.Books.SimulateConcurrentWrite(
            b.Id, stored => stored.Edit(null, "changed elsewhere", null, stored.AuthorId, TestUsers.Epoch));

        var act = () => _handler.Handle(Command(title: "Mine", cover: FakeUpload.Png()), default);

        await act.Should().ThrowAsync<ConflictException>();
        _fixture.Covers.SaveCalls.Should().Be(2);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId]);
        var stored = _fixture.Books.Stored(_book.Id)!;
        stored.Cover.Should().Be(_book.Cover);
        stored.Title.Should().Be("Dune");
        stored.Description.Should().Be("changed elsewhere");
    }

    [Fact]
    public async Task When_the_update_fails_for_another_reason_the_new_cover_files_are_deleted_too()
    {
        var failure = new StorageUnavailableException("The store is unavailable.", new TimeoutException());
        _fixture.Books.FailNextUpdate(failure);

        var act = () => _handler.Handle(Command(cover: FakeUpload.Png()), default);

        (await act.Should().ThrowAsync<StorageUnavailableException>()).Which.Should().BeSameAs(failure);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId]);
        AssertUnchanged();
    }

    [Fact]
    public async Task When_the_update_conflicts_without_a_new_cover_no_file_is_touched()
    {
        _fixture.Books.BeforeUpdate = b => _fixture.Books.SimulateConcurrentWrite(b.Id);

        var act = () => _handler.Handle(Command(title: "Mine"), default);

        await act.Should().ThrowAsync<ConflictException>();
        _fixture.Covers.DeletedFileIds.Should().BeEmpty();
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId]);
    }

    [Fact]
    public async Task When_the_new_thumbnail_cannot_be_stored_the_book_and_its_old_cover_are_kept_and_no_file_is_left()
    {
        _fixture.Covers.FailSave(2);

        var act = () => _handler.Handle(Command(title: "Renamed", cover: FakeUpload.Png()), default);

        await act.Should().ThrowAsync<IOException>();
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId]);
        _fixture.Books.UpdateCalls.Should().Be(0);
        AssertUnchanged();
    }

    [Fact]
    public async Task A_rejected_new_cover_changes_nothing()
    {
        _fixture.Images.Failure = new UnsupportedMediaException("The cover must be a JPEG, PNG, WebP or GIF image.");

        var act = () => _handler.Handle(Command(title: "Renamed", cover: FakeUpload.Png()), default);

        await act.Should().ThrowAsync<UnsupportedMediaException>();
        _fixture.Covers.SaveCalls.Should().Be(0);
        AssertUnchanged();
    }

    [Fact]
    public async Task A_new_cover_over_the_byte_limit_is_refused_before_the_image_service_sees_it()
    {
        _fixture.Limits.MaxUploadBytes = 10;

        var act = () => _handler.Handle(Command(cover: FakeUpload.Png(11)), default);

        await act.Should().ThrowAsync<ContentTooLargeException>();
        _fixture.Images.Calls.Should().BeEmpty();
        AssertUnchanged();
    }

    [Theory]
    [InlineData("Foundation")]
    [InlineData(" FOUNDATION ")]
    public async Task A_title_the_owner_already_uses_is_a_conflict_and_nothing_changes(string title)
    {
        _fixture.SeedBook("Foundation");

        var act = () => _handler.Handle(Command(title: title, description: "new", cover: FakeUpload.Png()), default);

        await act.Should().ThrowAsync<DuplicateBookTitleException>();
        AssertUnchanged();
        _fixture.Images.Calls.Should().BeEmpty();
        _fixture.Covers.SaveCalls.Should().Be(0);
        _fixture.Books.UpdateCalls.Should().Be(0);
    }

    [Fact]
    public async Task A_title_taken_by_a_concurrent_request_is_a_conflict_and_the_new_cover_files_are_deleted()
    {
        _fixture.Books.BeforeUpdate = _ => _fixture.SeedBook("Children of Dune");

        var act = () => _handler.Handle(Command(title: "Children of Dune", cover: FakeUpload.Png()), default);

        await act.Should().ThrowAsync<DuplicateBookTitleException>();
        _fixture.Covers.LiveFileIds.Should().HaveCount(4, "the old cover and the concurrently added book's cover stay");
        _fixture.Covers.LiveFileIds.Should().Contain([_book.Cover!.Original.FileId, _book.Cover!.Thumbnail.FileId]);
        _fixture.Covers.DeletedFileIds.Should().HaveCount(2);
        AssertUnchanged();
    }

    [Fact]
    public async Task Another_owners_title_is_free()
    {
        _fixture.SeedBook("Foundation", ownerId: BookHandlerFixture.OtherOwnerId);

        var result = await _handler.Handle(Command(title: "Foundation"), default);

        result.Title.Should().Be("Foundation");
    }

    [Fact]
    public async Task The_book_may_keep_its_own_title_in_another_case()
    {
        var result = await _handler.Handle(Command(title: "DUNE"), default);

        result.Title.Should().Be("DUNE");
        _fixture.Books.Stored(_book.Id)!.Title.Should().Be("DUNE");
    }

    [Fact]
    public async Task Another_owners_book_is_not_found_and_is_not_changed()
    {
        var theirs = _fixture.SeedBook("Theirs", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(Command(id: theirs.Id.Value, title: "Stolen", cover: FakeUpload.Png()), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
        var stored = _fixture.Books.Stored(theirs.Id)!;
        stored.Title.Should().Be("Theirs");
        stored.Version.Should().Be(theirs.Version);
        _fixture.Covers.SaveCalls.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_book_is_not_found()
    {
        var act = () => _handler.Handle(Command(id: "000000000000000000000404", title: "x"), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
    }

    private UpdateBookCommand Command(
        string? id = null,
        string? title = null,
        string? description = null,
        string? category = null,
        string? authorId = null,
        IUploadedFile? cover = null) =>
        new(id ?? _book.Id.Value, title, description, category, authorId, cover);

    private void AssertUnchanged()
    {
        var stored = _fixture.Books.Stored(_book.Id)!;
        stored.Title.Should().Be(_book.Title);
        stored.Description.Should().Be(_book.Description);
        stored.Category.Should().Be(_book.Category);
        stored.AuthorId.Should().Be(_book.AuthorId);
        stored.Cover.Should().Be(_book.Cover);
        stored.UpdatedAt.Should().Be(_book.UpdatedAt);
        stored.Version.Should().Be(_book.Version);
    }
}
