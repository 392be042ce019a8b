using CleanAuth.Application.Authors.DeleteAuthor;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Tests.Unit.Application.Books;

namespace CleanAuth.Tests.Unit.Application.Authors;

public sealed class DeleteAuthorCommandHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly DeleteAuthorCommandHandler _handler;

    public DeleteAuthorCommandHandlerTests() =>
        _handler = new DeleteAuthorCommandHandler(_fixture.CurrentUser, _fixture.Authors);

    [Fact]
    public async Task Deletes_an_author_no_book_names()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        var kept = _fixture.SeedAuthor("Ursula K. Le Guin");
        _fixture.SeedBook("The Dispossessed", authorId: kept.Id.Value);

        await _handler.Handle(new DeleteAuthorCommand(author.Id.Value), default);

        _fixture.Authors.Stored(author.Id).Should().BeNull();
        _fixture.Authors.Stored(kept.Id).Should().NotBeNull();
    }

    [Fact]
    public async Task An_author_a_book_names_is_a_conflict_and_is_kept()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        _fixture.SeedBook("Dune", authorId: author.Id.Value);

        var act = () => _handler.Handle(new DeleteAuthorCommand(author.Id.Value), default);

        (await act.Should().ThrowAsync<ConflictException>()).WithMessage(DeleteAuthorCommandHandler.Referenced);
        _fixture.Authors.Stored(author.Id).Should().NotBeNull();
    }

    [Fact]
    public async Task Another_owners_book_naming_the_same_id_does_not_block_the_delete()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        _fixture.SeedBook("Dune", ownerId: BookHandlerFixture.OtherOwnerId, authorId: author.Id.Value);

        await _handler.Handle(new DeleteAuthorCommand(author.Id.Value), default);

        _fixture.Authors.Stored(author.Id).Should().BeNull();
    }

    [Fact]
    public async Task Another_owners_author_is_not_found_and_is_kept()
    {
        var theirs = _fixture.SeedAuthor("Not Mine", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(new DeleteAuthorCommand(theirs.Id.Value), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(DeleteAuthorCommandHandler.NotFound);
        _fixture.Authors.Stored(theirs.Id).Should().NotBeNull();
    }

    [Fact]
    public async Task An_unknown_author_is_not_found()
    {
        var act = () => _handler.Handle(new DeleteAuthorCommand("000000000000000000000404"), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(DeleteAuthorCommandHandler.NotFound);
    }
}
