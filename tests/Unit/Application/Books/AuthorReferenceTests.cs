using CleanAuth.Application.Authors.DeleteAuthor;
using CleanAuth.Application.Books.AddBook;
using CleanAuth.Application.Books.DeleteBook;
using CleanAuth.Application.Books.UpdateBook;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

/// <summary>
/// ADR 0032: a book holds a reference on the author it names, taken before the book is stored and given back after
/// it stopped naming the author; an author is deleted only at zero references.
/// </summary>
public sealed class AuthorReferenceTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly AddBookCommandHandler _add;
    private readonly UpdateBookCommandHandler _update;
    private readonly DeleteBookCommandHandler _delete;
    private readonly DeleteAuthorCommandHandler _deleteAuthor;

    public AuthorReferenceTests()
    {
        _add = new AddBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader, _fixture.Ids, _fixture.Clock);
        _update = new UpdateBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader, _fixture.Clock);
        _delete = new DeleteBookCommandHandler(_fixture.CurrentUser, _fixture.Books, _fixture.AuthorReferences, _fixture.Uploader);
        _deleteAuthor = new DeleteAuthorCommandHandler(_fixture.CurrentUser, _fixture.Authors);
    }

    [Fact]
    public async Task A_book_references_its_author_from_add_to_delete_and_the_author_can_go_only_after()
    {
        var author = _fixture.SeedAuthor("Ursula K. Le Guin");

        var book = await _add.Handle(new AddBookCommand("The Dispossessed", "", "science", author.Id.Value, FakeUpload.Png()), default);

        _fixture.Authors.ReferencesTo(author.Id).Should().Be(1);
        await FluentActions.Awaiting(() => _deleteAuthor.Handle(new DeleteAuthorCommand(author.Id.Value), default)).Should().ThrowAsync<ConflictException>();
        await _delete.Handle(new DeleteBookCommand(book.Id), default);
        _fixture.Authors.ReferencesTo(author.Id).Should().Be(0);
        await _deleteAuthor.Handle(new DeleteAuthorCommand(author.Id.Value), default);
        _fixture.Authors.Stored(author.Id).Should().BeNull();
    }

    [Fact]
    public async Task An_author_deleted_after_the_check_but_before_the_book_is_stored_is_a_400_and_nothing_is_kept()
    {
        var author = _fixture.SeedAuthor("Gone Soon");
        // The author passes the early check; the delete lands before the reference, which then fails.
        _fixture.Images.BeforeProcess = () => _fixture.Authors.DeleteAsync(UserId.From(_fixture.AliceId), author.Id, default).Wait();

        var act = () => _add.Handle(new AddBookCommand("Orphan", "", "science", author.Id.Value, FakeUpload.Png()), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Keys.Should().Equal("authorId");
        _fixture.Books.Count.Should().Be(0);
        _fixture.Covers.LiveFileIds.Should().BeEmpty();
    }

    [Fact]
    public async Task A_book_that_is_not_stored_gives_its_reference_back()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        _fixture.Books.RefuseNextAdd();

        var act = () => _add.Handle(new AddBookCommand("Dune", "", "science", author.Id.Value, FakeUpload.Png()), default);

        await act.Should().ThrowAsync<ConflictException>();
        _fixture.Authors.ReferencesTo(author.Id).Should().Be(0);
    }

    [Fact]
    public async Task After_an_outage_the_book_may_have_been_stored_so_the_reference_is_kept()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        _fixture.Books.FailNextAdd(new StorageUnavailableException("The store is unavailable.", new TimeoutException()));

        var act = () => _add.Handle(new AddBookCommand("Dune", "", "science", author.Id.Value, FakeUpload.Png()), default);

        await act.Should().ThrowAsync<StorageUnavailableException>();
        _fixture.Authors.ReferencesTo(author.Id).Should().Be(1, "a count too high refuses a delete; one too low could leave a book naming a deleted author");
    }

    [Fact]
    public async Task Changing_a_books_author_moves_the_reference_and_a_conflict_moves_nothing()
    {
        var first = _fixture.SeedAuthor("First");
        var second = _fixture.SeedAuthor("Second");
        var book = _fixture.SeedBook("Moving", authorId: first.Id.Value);

        await _update.Handle(new UpdateBookCommand(book.Id.Value, null, null, null, second.Id.Value, null), default);

        _fixture.Authors.ReferencesTo(first.Id).Should().Be(0);
        _fixture.Authors.ReferencesTo(second.Id).Should().Be(1);

        _fixture.Books.FailNextUpdate();
        var conflicting = () => _update.Handle(new UpdateBookCommand(book.Id.Value, null, null, null, first.Id.Value, null), default);
        await conflicting.Should().ThrowAsync<ConflictException>();
        _fixture.Authors.ReferencesTo(first.Id).Should().Be(0);
        _fixture.Authors.ReferencesTo(second.Id).Should().Be(1);

        await _update.Handle(new UpdateBookCommand(book.Id.Value, "Renamed", null, null, null, null), default);
        await _update.Handle(new UpdateBookCommand(book.Id.Value, null, null, null, second.Id.Value, null), default);
        _fixture.Authors.ReferencesTo(second.Id).Should().Be(1, "keeping the same author takes no second reference");

        await _update.Handle(new UpdateBookCommand(book.Id.Value, null, null, null, "", null), default);
        _fixture.Authors.ReferencesTo(second.Id).Should().Be(0);
    }
}
