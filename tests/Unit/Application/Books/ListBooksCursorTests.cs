using System.Buffers.Text;
using System.Globalization;
using System.Text;
using CleanAuth.Application.Books.ListBooks;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Models;
using CleanAuth.Domain.Books;
using CleanAuth.Tests.Unit.Fakes;
using FluentValidation.TestHelper;
using NSubstitute;

namespace CleanAuth.Tests.Unit.Application.Books;

/// <summary>The list's orders and its keyset cursor (ADR 0057): what a client walking <c>next</c> sees, and what the validator refuses.</summary>
public sealed class ListBooksCursorTests
{
    private const string NotOurs = "cursor is not a cursor this list gave.";
    private const string OtherSort = "cursor belongs to another sort; pass the same sort or none.";
    private const string AnId = "000000000000000000000b01";

    private readonly BookHandlerFixture _fixture = new();
    private readonly ListBooksQueryHandler _handler;
    private readonly ListBooksQueryValidator _validator = new();

    public ListBooksCursorTests() => _handler = new ListBooksQueryHandler(_fixture.CurrentUser, _fixture.Books);

    // Five books whose title, creation and last-change orders all differ.
    private static readonly (string Title, int Created, int Updated)[] Library =
        [("Dune", 1, 50), ("anathem", 2, 10), ("Solaris", 3, 40), ("Canticle", 4, 20), ("Hyperion", 5, 30)];

    [Theory]
    [InlineData(null, new[] { "Hyperion", "Canticle", "Solaris", "anathem", "Dune" })]
    [InlineData("-createdAt", new[] { "Hyperion", "Canticle", "Solaris", "anathem", "Dune" })]
    [InlineData("createdAt", new[] { "Dune", "anathem", "Solaris", "Canticle", "Hyperion" })]
    [InlineData("title", new[] { "anathem", "Canticle", "Dune", "Hyperion", "Solaris" })]
    [InlineData("-title", new[] { "Solaris", "Hyperion", "Dune", "Canticle", "anathem" })]
    [InlineData("updatedAt", new[] { "anathem", "Canticle", "Hyperion", "Solaris", "Dune" })]
    [InlineData("-updatedAt", new[] { "Dune", "Solaris", "Hyperion", "Canticle", "anathem" })]
    public async Task Walking_next_without_the_sort_reads_every_book_once_in_the_sorted_order(string? sort, string[] expected)
    {
        SeedLibrary();

        var pages = await Walk(new ListBooksQuery(null, null, null, 2, sort));

        pages.Select(p => p.Items.Count).Should().Equal(2, 2, 1);
        pages.SelectMany(p => p.Items.Select(b => b.Title)).Should().Equal(expected);
        pages.Select(p => p.Page).Should().Equal(1, null, null);
        pages.Select(p => p.PageSize).Should().AllBeEquivalentTo(2);
        pages.Select(p => p.Next is null).Should().Equal(false, false, true);
        foreach (var page in pages.Where(p => p.Next is not null))
        {
            _validator.TestValidate(new ListBooksQuery(null, null, null, 2, sort, page.Next)).ShouldNotHaveAnyValidationErrors();
        }
    }

    [Fact]
    public async Task A_cursor_page_that_ends_the_list_exactly_has_no_next()
    {
        SeedLibrary(count: 4);

        var pages = await Walk(new ListBooksQuery(null, null, null, 2));

        pages.Select(p => p.Items.Count).Should().Equal(2, 2);
        pages[1].Next.Should().BeNull();
    }

    [Fact]
    public async Task A_numbered_page_gives_a_cursor_to_the_rest_and_the_last_numbered_page_none()
    {
        SeedLibrary();

        var second = await _handler.Handle(new ListBooksQuery(null, null, 2, 2), default);
        var last = await _handler.Handle(new ListBooksQuery(null, null, 3, 2), default);
        var afterSecond = await _handler.Handle(new ListBooksQuery(null, null, null, 2, Cursor: second.Next), default);

        second.Next.Should().NotBeNull();
        last.Items.Should().ContainSingle();
        last.Next.Should().BeNull();
        afterSecond.Items.Select(b => b.Id).Should().Equal(last.Items.Select(b => b.Id));
    }

    [Fact]
    public async Task A_cursor_keeps_its_own_order_even_beside_another_sort()
    {
        // The validator refuses that pair; the handler still never reads a position in an order it was not taken in.
        SeedLibrary();
        var first = await _handler.Handle(new ListBooksQuery(null, null, null, 2, "title"), default);

        var next = await _handler.Handle(new ListBooksQuery(null, null, null, 2, "-createdAt", first.Next), default);

        next.Items.Select(b => b.Title).Should().Equal("Dune", "Hyperion");
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("-createdAt", null)]
    [InlineData("createdAt", false)]
    public async Task The_default_order_reaches_the_store_as_no_order(string? sort, bool? ascending)
    {
        await _handler.Handle(new ListBooksQuery(null, null, null, null, sort), default);

        var order = _fixture.Books.ListCalls.Should().ContainSingle().Subject.Filter.Order;
        order.Should().Be(ascending is null ? null : new BookOrder(BookSortField.CreatedAt, Descending: false));
    }

    [Fact]
    public async Task A_page_that_came_back_empty_though_the_count_said_more_gives_no_next()
    {
        // Books deleted between a store's count and its read: no book to take a cursor from.
        var books = Substitute.For<IBookRepository>();
        books.ListAsync(_fixture.Alice.Id, new BookFilter(null, null, 1, 2), default).ReturnsForAnyArgs(new PagedList<Book>([], 1, 2, 10));

        var result = await new ListBooksQueryHandler(_fixture.CurrentUser, books).Handle(new ListBooksQuery(null, null, null, 2), default);

        (result.Items.Count, result.TotalCount, result.Next).Should().Be((0, 10L, (string?)null));
    }

    [Fact]
    public void Rows_before_a_page_are_skipped_only_when_it_is_not_after_a_book()
    {
        var after = BookPosition.Of(TestBooks.New());

        new BookFilter(null, null, 3, 10).Skip.Should().Be(20);
        new BookFilter(null, null, 3, 10, After: after).Skip.Should().Be(0);
    }

    [Theory]
    [InlineData("title")]
    [InlineData("-title")]
    [InlineData("createdAt")]
    [InlineData("-createdAt")]
    [InlineData("updatedAt")]
    [InlineData("-updatedAt")]
    public void Each_sort_is_valid(string sort) =>
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, sort)).ShouldNotHaveAnyValidationErrors();

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("Title")]
    [InlineData("--title")]
    [InlineData("title-")]
    [InlineData("name")]
    public void Any_other_sort_is_refused(string sort) =>
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, sort))
            .ShouldHaveValidationErrorFor(q => q.Sort).WithErrorMessage(BookSort.Message).Only();

    [Fact]
    public async Task A_cursor_goes_with_its_own_sort_or_none_and_never_with_a_page()
    {
        SeedLibrary();
        var next = (await _handler.Handle(new ListBooksQuery(null, null, null, 2, "-title"), default)).Next;

        _validator.TestValidate(new ListBooksQuery(null, null, null, 2, null, next)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new ListBooksQuery(null, null, null, 2, "-title", next)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new ListBooksQuery(null, null, null, 2, "title", next))
            .ShouldHaveValidationErrorFor(q => q.Cursor).WithErrorMessage(OtherSort).Only();
        _validator.TestValidate(new ListBooksQuery(null, null, 2, 2, null, next))
            .ShouldHaveValidationErrorFor(q => q.Page).WithErrorMessage("page and cursor cannot be given together.").Only();
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("")]
    public void Text_that_is_not_base64url_is_not_a_cursor(string cursor) =>
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, null, cursor))
            .ShouldHaveValidationErrorFor(q => q.Cursor).WithErrorMessage(NotOurs).Only();

    [Theory]
    [InlineData("title\n" + AnId)]
    [InlineData("name\n" + AnId + "\ndune")]
    [InlineData("title\nnot-an-id\ndune")]
    [InlineData("createdAt\n" + AnId + "\nyesterday")]
    [InlineData("createdAt\n" + AnId + "\n-1")]
    [InlineData("updatedAt\n" + AnId + "\n3155378976000000000")] // One tick past the last instant a DateTimeOffset holds.
    public void A_cursor_we_could_not_have_given_is_refused(string content) =>
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, null, Cursor(content)))
            .ShouldHaveValidationErrorFor(q => q.Cursor).WithErrorMessage(NotOurs).Only();

    [Fact]
    public void A_cursor_at_the_last_instant_is_read()
    {
        var last = DateTimeOffset.MaxValue.UtcTicks.ToString(CultureInfo.InvariantCulture);

        _validator.TestValidate(new ListBooksQuery(null, null, null, null, null, Cursor($"-updatedAt\n{AnId}\n{last}")))
            .ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void A_cursor_of_2048_characters_is_read_and_a_longer_one_refused_even_if_it_decodes()
    {
        // 1,536 bytes are 2,048 base64url characters; 1,539 are 2,052.
        var longest = Cursor($"title\n{AnId}\n{new string('a', 1536 - 31)}");
        var tooLong = Cursor($"title\n{AnId}\n{new string('a', 1539 - 31)}");

        (longest.Length, tooLong.Length).Should().Be((2048, 2052));
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, null, longest)).ShouldNotHaveAnyValidationErrors();
        _validator.TestValidate(new ListBooksQuery(null, null, null, null, null, tooLong))
            .ShouldHaveValidationErrorFor(q => q.Cursor).WithErrorMessage(NotOurs).Only();
    }

    private static string Cursor(string content) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(content));

    private void SeedLibrary(int count = 5)
    {
        foreach (var (title, created, updated) in Library.Take(count))
        {
            _fixture.Books.Seed(new Book(
                BookId.From(created.ToString("x24", CultureInfo.InvariantCulture)), _fixture.Alice.Id, title, "", "science", null, null,
                TestUsers.Epoch.AddMinutes(created), TestUsers.Epoch.AddMinutes(updated), 0));
        }
    }

    // The first page, then each page its next names, asked for with the cursor alone.
    private async Task<List<BookList>> Walk(ListBooksQuery first)
    {
        var pages = new List<BookList> { await _handler.Handle(first, default) };
        while (pages[^1].Next is { } next && pages.Count < 10)
        {
            pages.Add(await _handler.Handle(new ListBooksQuery(null, null, null, first.PageSize, Cursor: next), default));
        }

        return pages;
    }
}
