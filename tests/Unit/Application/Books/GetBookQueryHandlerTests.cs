using CleanAuth.Application.Books.Common;
using CleanAuth.Application.Books.GetBook;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class GetBookQueryHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly GetBookQueryHandler _handler;

    public GetBookQueryHandlerTests() => _handler = new GetBookQueryHandler(_fixture.CurrentUser, _fixture.Books);

    [Fact]
    public async Task Returns_the_callers_book()
    {
        var author = _fixture.SeedAuthor("Frank Herbert");
        var book = _fixture.SeedBook("Dune", category: "science", authorId: author.Id.Value, description: "Spice.");

        var result = await _handler.Handle(new GetBookQuery(book.Id.Value), default);

        result.Should().Be(BookDetails.From(book));
        result.Title.Should().Be("Dune");
        result.Description.Should().Be("Spice.");
        result.Category.Should().Be("science");
        result.AuthorId.Should().Be(author.Id.Value);
    }

    [Theory]
    [InlineData("000000000000000000000404")]
    [InlineData("not-an-id")]
    [InlineData("")]
    public async Task An_unknown_or_malformed_id_is_not_found(string id)
    {
        var act = () => _handler.Handle(new GetBookQuery(id), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(BookRepositoryExtensions.NotFound);
    }

    [Fact]
    public async Task Another_owners_book_is_not_found_with_the_same_message_as_an_unknown_id()
    {
        var theirs = _fixture.SeedBook("Theirs", ownerId: BookHandlerFixture.OtherOwnerId);

        var other = await Record.ExceptionAsync(() => _handler.Handle(new GetBookQuery(theirs.Id.Value), default));
        var unknown = await Record.ExceptionAsync(() => _handler.Handle(new GetBookQuery("000000000000000000000404"), default));

        other.Should().BeOfType<NotFoundException>();
        unknown.Should().BeOfType<NotFoundException>();
        other!.Message.Should().Be(unknown!.Message);
    }
}
