using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.DeleteBook;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Books;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class DeleteBookCommandHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly DeleteBookCommandHandler _handler;

    public DeleteBookCommandHandlerTests() => _handler = new DeleteBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader);

    [Fact]
    public async Task Deletes_the_book_and_both_of_its_files_and_nothing_else()
    {
        var book = _fixture.SeedBook("Dune");
        var kept = _fixture.SeedBook("Foundation");

        await _handler.Handle(new DeleteBookCommand(book.Id.Value), default);

        _fixture.Books.Stored(book.Id).Should().BeNull();
        _fixture.Books.Stored(kept.Id).Should().NotBeNull();
        _fixture.Covers.DeletedFileIds.Should().BeEquivalentTo([book.Cover!.Original.FileId, book.Cover!.Thumbnail.FileId]);
        _fixture.Covers.LiveFileIds.Should().BeEquivalentTo([kept.Cover!.Original.FileId, kept.Cover!.Thumbnail.FileId]);
    }

    [Fact]
    public async Task A_book_without_a_cover_is_deleted_and_no_file_touched()
    {
        // An imported book has no cover.
        var imported = _fixture.Books.Seed(Book.Add(BookId.From("000000000000000000000c01"), _fixture.Alice.Id, BookTitle.Create("Imported"), "",
            BookCategory.Create("science"), null, cover: null, TestUsers.Epoch));

        await _handler.Handle(new DeleteBookCommand(imported.Id.Value), default);

        _fixture.Books.Stored(imported.Id).Should().BeNull();
        _fixture.Covers.DeletedFileIds.Should().BeEmpty();
    }

    [Fact]
    public async Task The_files_are_deleted_only_once_the_book_is_gone()
    {
        var book = _fixture.SeedBook("Dune");
        var bookStoredWhileAFileWasDeleted = false;
        _fixture.Covers.BeforeDelete = _ => bookStoredWhileAFileWasDeleted |= _fixture.Books.Stored(book.Id) is not null;

        await _handler.Handle(new DeleteBookCommand(book.Id.Value), default);

        _fixture.Covers.DeletedFileIds.Should().HaveCount(2);
        bookStoredWhileAFileWasDeleted.Should().BeFalse("a book must never point at a missing file");
    }

    [Fact]
    public async Task A_book_changed_between_read_and_delete_is_kept_with_its_files_and_the_caller_gets_409()
    {
        var book = _fixture.SeedBook("Dune");
        _fixture.Books.BeforeDelete = id => _fixture.Books.SimulateConcurrentWrite(id);

        var act = () => _handler.Handle(new DeleteBookCommand(book.Id.Value), default);

        (await act.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Be("The book was changed or deleted by another request; retry.");
        _fixture.Books.Stored(book.Id).Should().NotBeNull();
        _fixture.Covers.DeletedFileIds.Should().BeEmpty("the files belong to whatever the book now is");
    }

    [Fact]
    public async Task Another_owners_book_is_not_found_and_nothing_is_deleted()
    {
        var theirs = _fixture.SeedBook("Theirs", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(new DeleteBookCommand(theirs.Id.Value), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
        _fixture.Books.Stored(theirs.Id).Should().NotBeNull();
        _fixture.Covers.DeletedFileIds.Should().BeEmpty();
        _fixture.Covers.LiveFileIds.Should().HaveCount(2);
    }

    [Fact]
    public async Task An_unknown_book_is_not_found()
    {
        var act = () => _handler.Handle(new DeleteBookCommand("000000000000000000000404"), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
        _fixture.Covers.DeletedFileIds.Should().BeEmpty();
    }
}
