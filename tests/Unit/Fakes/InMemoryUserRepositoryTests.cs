using CleanAuth.Application.Common.Exceptions;

namespace CleanAuth.Tests.Unit.Fakes;

/// <summary>The fake must keep the port's contract, or the handler tests built on it prove nothing.</summary>
public sealed class InMemoryUserRepositoryTests
{
    private readonly InMemoryUserRepository _repository = new();

    [Fact]
    public async Task TryAdd_refuses_an_email_that_differs_only_in_case_and_whitespace()
    {
        (await _repository.TryAddAsync(TestUsers.New(id: "1", email: "alice@example.com"), default)).Should().BeTrue();

        var added = await _repository.TryAddAsync(TestUsers.New(id: "2", email: "  ALICE@Example.COM "), default);

        added.Should().BeFalse();
        _repository.Count.Should().Be(1);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-an-object-id!")]
    [InlineData("")]
    public async Task FindById_returns_null_for_an_unknown_or_malformed_id(string id)
    {
        await _repository.TryAddAsync(TestUsers.New(), default);

        (await _repository.FindByIdAsync(id, default)).Should().BeNull();
    }

    [Fact]
    public async Task A_change_without_UpdateAsync_is_not_visible_to_later_reads()
    {
        var user = TestUsers.New();
        await _repository.TryAddAsync(user, default);
        user.Rename("Mallory", TestUsers.Epoch);

        var read = await _repository.FindByIdAsync(user.Id, default);
        read!.Rename("Eve", TestUsers.Epoch);

        (await _repository.FindByIdAsync(user.Id, default))!.Name.Should().Be("Alice");
    }

    [Fact]
    public async Task UpdateAsync_stores_the_change_and_advances_the_version()
    {
        await _repository.TryAddAsync(TestUsers.New(), default);
        var user = (await _repository.FindByIdAsync(TestUsers.New().Id, default))!;
        user.Rename("Alicia", TestUsers.Epoch);

        await _repository.UpdateAsync(user, default);

        user.Version.Should().Be(1);
        var stored = _repository.Stored(user.Id)!;
        stored.Name.Should().Be("Alicia");
        stored.Version.Should().Be(1);
    }

    [Fact]
    public async Task UpdateAsync_from_a_stale_read_throws_ConflictException_and_keeps_the_other_write()
    {
        var original = TestUsers.New();
        await _repository.TryAddAsync(original, default);
        var first = (await _repository.FindByIdAsync(original.Id, default))!;
        var second = (await _repository.FindByIdAsync(original.Id, default))!;
        first.Rename("First", TestUsers.Epoch);
        second.Rename("Second", TestUsers.Epoch);
        await _repository.UpdateAsync(first, default);

        var act = () => _repository.UpdateAsync(second, default);

        await act.Should().ThrowAsync<ConflictException>();
        second.Version.Should().Be(0, "a failed update must not mark the object saved");
        _repository.Stored(original.Id)!.Name.Should().Be("First");
    }

    [Fact]
    public async Task UpdateAsync_of_a_user_that_was_never_stored_throws_ConflictException()
    {
        var act = () => _repository.UpdateAsync(TestUsers.New(), default);

        await act.Should().ThrowAsync<ConflictException>();
    }
}
