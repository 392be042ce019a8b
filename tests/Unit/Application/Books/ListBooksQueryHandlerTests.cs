using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Books;

public sealed class ListBooksQueryHandlerTests
{
    private readonly BookHandlerFixture _fixture = new();
    private readonly ListBooksQueryHandler _handler;

    public ListBooksQueryHandlerTests() => _handler = new ListBooksQueryHandler(_fixture.CurrentUser, _fixture.Books);

    [Fact]
    public async Task Without_paging_it_asks_for_page_1_of_20_of_the_callers_books()
    {
        var result = await _handler.Handle(new ListBooksQuery(null, null, null, null), default);

        var call = _fixture.Books.ListCalls.Should().ContainSingle().Subject;
        call.OwnerId.Should().Be(UserId.From(_fixture.AliceId));
        call.Filter.Should().Be(new BookFilter(null, null, 1, ListBooksQuery.DefaultPageSize));
        ListBooksQuery.DefaultPageSize.Should().Be(20);
        result.Page.Should().Be(1);
        result.PageSize.Should().Be(20);
        result.TotalCount.Should().Be(0);
        result.Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Passes_the_category_in_its_canonical_spelling_the_trimmed_text_and_the_paging()
    {
        await _handler.Handle(new ListBooksQuery("ROMANCE", "  dune ", 3, 7), default);

        _fixture.Books.ListCalls.Should().ContainSingle().Which.Filter.Should().Be(new BookFilter("romance", "dune", 3, 7));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_search_text_and_category_mean_no_filter(string blank)
    {
        await _handler.Handle(new ListBooksQuery(blank, blank, null, null), default);

        _fixture.Books.ListCalls.Should().ContainSingle().Which.Filter.Should().Be(new BookFilter(null, null, 1, 20));
    }

    [Fact]
    public async Task Lists_only_the_callers_books_newest_first()
    {
        var older = _fixture.SeedBook("Older", createdAt: TestUsers.Epoch);
        _fixture.SeedBook("Not mine", ownerId: BookHandlerFixture.OtherOwnerId, createdAt: TestUsers.Epoch.AddDays(1));
        var newer = _fixture.SeedBook("Newer", createdAt: TestUsers.Epoch.AddHours(1));

        var result = await _handler.Handle(new ListBooksQuery(null, null, null, null), default);

        result.Items.Select(b => b.Id).Should().Equal(newer.Id.Value, older.Id.Value);
        result.TotalCount.Should().Be(2);
    }

    [Fact]
    public async Task Pages_through_the_list_and_reports_the_total()
    {
        var books = Enumerable.Range(0, 5).Select(i => _fixture.SeedBook($"Book {i}", createdAt: TestUsers.Epoch.AddMinutes(i))).ToList();

        var first = await _handler.Handle(new ListBooksQuery(null, null, 1, 2), default);
        var last = await _handler.Handle(new ListBooksQuery(null, null, 3, 2), default);
        var beyond = await _handler.Handle(new ListBooksQuery(null, null, 4, 2), default);

        first.Items.Select(b => b.Id).Should().Equal(books[4].Id.Value, books[3].Id.Value);
        last.Items.Select(b => b.Id).Should().Equal(books[0].Id.Value);
        beyond.Items.Should().BeEmpty();
        new[] { first.TotalCount, last.TotalCount, beyond.TotalCount }.Should().AllBeEquivalentTo(5);
        last.Page.Should().Be(3);
        last.PageSize.Should().Be(2);
    }

    [Fact]
    public async Task Filters_by_category_and_by_title_text_in_any_case()
    {
        var dune = _fixture.SeedBook("Dune", category: "science");
        _fixture.SeedBook("Dune Messiah", category: "fantasy");
        _fixture.SeedBook("Foundation", category: "science");

        var result = await _handler.Handle(new ListBooksQuery("Science", "uNe", null, null), default);

        result.Items.Should().ContainSingle().Which.Id.Should().Be(dune.Id.Value);
        result.TotalCount.Should().Be(1);
    }

    [Fact]
    public async Task Maps_each_book_to_what_its_owner_sees()
    {
        var book = _fixture.SeedBook("Dune");

        var item = (await _handler.Handle(new ListBooksQuery(null, null, null, null), default)).Items.Should().ContainSingle().Subject;

        item.Title.Should().Be("Dune");
        item.CoverWidth.Should().Be(book.Cover!.Width);
        item.CoverHeight.Should().Be(book.Cover!.Height);
    }
}
