using CleanAuth.Application.Authors.Common;
using CleanAuth.Application.Authors.DeleteAuthor;
using CleanAuth.Application.Authors.GetAuthor;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Tests.Unit.Application.Books;

namespace CleanAuth.Tests.Unit.Application.Authors;

public sealed class GetAuthorQueryHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly GetAuthorQueryHandler _handler;

    public GetAuthorQueryHandlerTests() => _handler = new GetAuthorQueryHandler(_fixture.CurrentUser, _fixture.Authors);

    [Fact]
    public async Task Returns_the_callers_author_as_the_list_shows_it()
    {
        _fixture.SeedAuthor("Anne Carson");
        var zadie = _fixture.SeedAuthor("Zadie Smith");

        (await _handler.Handle(new GetAuthorQuery(zadie.Id.Value), default)).Should().Be(AuthorResponse.From(zadie));
    }

    [Theory]
    [InlineData("000000000000000000000404")]
    [InlineData("not-an-id")]
    public async Task An_unknown_or_malformed_id_is_not_found(string id)
    {
        var act = () => _handler.Handle(new GetAuthorQuery(id), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(DeleteAuthorCommandHandler.NotFound);
    }

    [Fact]
    public async Task Another_owners_author_is_not_found_in_the_same_words()
    {
        var theirs = _fixture.SeedAuthor("Not Mine", ownerId: BookHandlerFixture.OtherOwnerId);

        var act = () => _handler.Handle(new GetAuthorQuery(theirs.Id.Value), default);

        (await act.Should().ThrowAsync<NotFoundException>()).WithMessage(DeleteAuthorCommandHandler.NotFound);
    }
}
