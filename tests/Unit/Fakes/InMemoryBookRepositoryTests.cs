using System.Globalization;
using CleanAuth.Application.Books.Ports;
using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>The fake must keep the port's contract, or the handler tests built on it prove nothing.</summary>
public sealed class InMemoryBookRepositoryTests
{
    private const string Alice = "000000000000000000000abc";
    private const string Bob = "000000000000000000000def";

    private readonly InMemoryBookRepository _repository = new();

    [Fact]
    public async Task TryAdd_refuses_a_title_the_owner_has_in_another_case_but_not_one_another_owner_has()
    {
        (await _repository.TryAddAsync(TestBooks.New(id: "1", title: "Dune"), default)).Should().BeTrue();

        (await _repository.TryAddAsync(TestBooks.New(id: "2", title: "  DUNE "), default)).Should().BeFalse();
        (await _repository.TryAddAsync(TestBooks.New(id: "3", ownerId: Bob, title: "Dune"), default)).Should().BeTrue();
        _repository.Count.Should().Be(2);
    }

    [Fact]
    public async Task Another_owners_book_is_never_found_listed_or_deleted()
    {
        await _repository.TryAddAsync(TestBooks.New(id: "1", ownerId: Bob), default);

        (await _repository.FindAsync(Alice, "1", default)).Should().BeNull();
        (await _repository.ListAsync(Alice, new BookFilter(null, null, 1, 20), default)).TotalCount.Should().Be(0);
        (await _repository.DeleteAsync(Alice, "1", 0, default)).Should().BeFalse();
        (await _repository.TitleExistsAsync(Alice, "Dune", null, default)).Should().BeFalse();
        _repository.Stored("1").Should().NotBeNull();
    }

    [Fact]
    public async Task A_change_without_UpdateAsync_is_not_visible_to_later_reads()
    {
        var book = TestBooks.New(id: "1");
        await _repository.TryAddAsync(book, default);
        book.Edit("Changed", null, null, null, TestUsers.Epoch);

        var read = await _repository.FindAsync(Alice, "1", default);
        read!.Edit("Changed again", null, null, null, TestUsers.Epoch);

        (await _repository.FindAsync(Alice, "1", default))!.Title.Should().Be("Dune");
    }

    [Fact]
    public async Task UpdateAsync_from_a_stale_read_throws_ConflictException_and_keeps_the_other_write()
    {
        await _repository.TryAddAsync(TestBooks.New(id: "1"), default);
        var first = (await _repository.FindAsync(Alice, "1", default))!;
        var second = (await _repository.FindAsync(Alice, "1", default))!;
        first.Edit("First", null, null, null, TestUsers.Epoch);
        second.Edit("Second", null, null, null, TestUsers.Epoch);
        await _repository.UpdateAsync(first, default);

        var act = () => _repository.UpdateAsync(second, default);

        await act.Should().ThrowAsync<ConflictException>();
        first.Version.Should().Be(1);
        second.Version.Should().Be(0);
        _repository.Stored("1")!.Title.Should().Be("First");
    }

    [Fact]
    public async Task UpdateAsync_to_a_title_the_owner_already_uses_throws_ConflictException()
    {
        await _repository.TryAddAsync(TestBooks.New(id: "1", title: "Dune"), default);
        await _repository.TryAddAsync(TestBooks.New(id: "2", title: "Foundation"), default);
        var book = (await _repository.FindAsync(Alice, "2", default))!;
        book.Edit("dune", null, null, null, TestUsers.Epoch);

        var act = () => _repository.UpdateAsync(book, default);

        await act.Should().ThrowAsync<ConflictException>();
        _repository.Stored("2")!.Title.Should().Be("Foundation");
    }

    [Fact]
    public async Task ListAsync_is_newest_first_paged_and_filtered_by_category_and_title_text_in_any_case()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _repository.TryAddAsync(
                TestBooks.New(id: i.ToString(CultureInfo.InvariantCulture), title: $"Book {i}",
                    category: i % 2 == 0 ? "poetry" : "science", createdAt: TestUsers.Epoch.AddMinutes(i)),
                default);
        }

        var page = await _repository.ListAsync(Alice, new BookFilter(null, null, 2, 2), default);
        var filtered = await _repository.ListAsync(Alice, new BookFilter("science", "BOOK", 1, 10), default);
        var byText = await _repository.ListAsync(Alice, new BookFilter(null, "k 4", 1, 10), default);

        page.Items.Select(b => b.Id).Should().Equal("3", "2");
        page.TotalCount.Should().Be(5);
        filtered.Items.Select(b => b.Id).Should().Equal("5", "3", "1");
        byText.Items.Should().ContainSingle().Which.Id.Should().Be("4");
    }

    [Fact]
    public async Task Injected_failures_happen_once()
    {
        _repository.FailNextAdd(new TimeoutException());
        _repository.RefuseNextAdd();

        var failed = () => _repository.TryAddAsync(TestBooks.New(id: "1"), default);
        await failed.Should().ThrowAsync<TimeoutException>();
        (await _repository.TryAddAsync(TestBooks.New(id: "1"), default)).Should().BeFalse();
        (await _repository.TryAddAsync(TestBooks.New(id: "1"), default)).Should().BeTrue();
        _repository.Count.Should().Be(1);
    }
}
