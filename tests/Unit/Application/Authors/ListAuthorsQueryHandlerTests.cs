using CleanAuth.Application.Authors.Common;
using CleanAuth.Application.Authors.ListAuthors;
using CleanAuth.Tests.Unit.Application.Books;

namespace CleanAuth.Tests.Unit.Application.Authors;

public sealed class ListAuthorsQueryHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly ListAuthorsQueryHandler _handler;

    public ListAuthorsQueryHandlerTests() => _handler = new ListAuthorsQueryHandler(_fixture.CurrentUser, _fixture.Authors);

    [Fact]
    public async Task Lists_only_the_callers_authors_by_name()
    {
        var zadie = _fixture.SeedAuthor("Zadie Smith");
        _fixture.SeedAuthor("Not Mine", ownerId: BookHandlerFixture.OtherOwnerId);
        var anne = _fixture.SeedAuthor("Anne Carson");

        var result = await _handler.Handle(new ListAuthorsQuery(), default);

        result.Should().Equal(AuthorResponse.From(anne), AuthorResponse.From(zadie));
    }

    [Fact]
    public async Task An_owner_without_authors_gets_an_empty_list()
    {
        _fixture.SeedAuthor("Not Mine", ownerId: BookHandlerFixture.OtherOwnerId);

        (await _handler.Handle(new ListAuthorsQuery(), default)).Should().BeEmpty();
    }
}
