using CleanAuth.Application.Authors.CreateAuthor;
using CleanAuth.Domain.Authors;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Application.Books;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Authors;

public sealed class CreateAuthorCommandHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly CreateAuthorCommandHandler _handler;

    public CreateAuthorCommandHandlerTests() =>
        _handler = new CreateAuthorCommandHandler(_fixture.CurrentUser, _fixture.Authors, _fixture.Ids, _fixture.Clock);

    [Fact]
    public async Task Stores_the_trimmed_author_under_a_new_id_for_the_caller()
    {
        _fixture.Clock.Advance(TimeSpan.FromMilliseconds(765));

        var result = await _handler.Handle(new CreateAuthorCommand("  Kazuo Ishiguro ", " UK ", BookerPrize: true), default);

        result.Id.Should().Be("000000000000000000000001");
        result.Name.Should().Be("Kazuo Ishiguro");
        result.Country.Should().Be("UK");
        result.BookerPrize.Should().BeTrue();
        result.CreatedAt.Should().Be(TestUsers.Epoch.AddMilliseconds(765));
        var stored = _fixture.Authors.Stored(AuthorId.From(result.Id))!;
        stored.OwnerId.Should().Be(UserId.From(_fixture.AliceId));
        stored.Name.Should().Be("Kazuo Ishiguro");
        stored.Country.Should().Be("UK");
    }

    [Fact]
    public async Task A_missing_country_is_stored_as_empty()
    {
        var result = await _handler.Handle(new CreateAuthorCommand("Anonymous", null, BookerPrize: false), default);

        result.Country.Should().BeEmpty();
        result.BookerPrize.Should().BeFalse();
    }

    [Fact]
    public async Task Two_authors_may_share_a_name()
    {
        var first = await _handler.Handle(new CreateAuthorCommand("Smith", null, false), default);
        var second = await _handler.Handle(new CreateAuthorCommand("Smith", null, false), default);

        second.Id.Should().NotBe(first.Id);
        _fixture.Authors.Count.Should().Be(2);
    }
}
