using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Users.Ports;
using CleanAuth.Domain.Users;

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

    [Fact]
    public async Task Parallel_reservations_grant_exactly_the_budget_and_the_last_one_sets_the_lock()
    {
        var user = TestUsers.New();
        await _repository.TryAddAsync(user, default);
        var now = TestUsers.Epoch;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            _repository.ReserveSignInAttemptAsync(user.Id, now, 5, TimeSpan.FromMinutes(5), default))));

        outcomes.Count(o => o == SignInReservation.Reserved).Should().Be(4);
        outcomes.Count(o => o == SignInReservation.ReservedLast).Should().Be(1);
        _repository.Stored(user.Id)!.LockoutEnd.Should().Be(now.AddMinutes(5));
        (await _repository.ReserveSignInAttemptAsync(user.Id, now.AddMinutes(5), 5, TimeSpan.FromMinutes(5), default))
            .Should().Be(SignInReservation.Reserved, "an ended lock starts a new window");
        _repository.Stored(user.Id)!.FailedLoginCount.Should().Be(1);
    }

    [Fact]
    public async Task A_success_clears_the_count_and_an_update_from_a_stale_copy_does_not_undo_a_reservation()
    {
        var user = TestUsers.New();
        await _repository.TryAddAsync(user, default);
        var copy = (await _repository.FindByIdAsync(user.Id, default))!;
        await _repository.ReserveSignInAttemptAsync(user.Id, TestUsers.Epoch, 5, TimeSpan.FromMinutes(5), default);

        copy.Rename("Renamed", TestUsers.Epoch);
        await _repository.UpdateAsync(copy, default);
        _repository.Stored(user.Id)!.FailedLoginCount.Should().Be(1);

        await _repository.RecordSignInSuccessAsync(user.Id, TestUsers.Epoch, default);
        _repository.Stored(user.Id)!.Should().Match<User>(u => u.FailedLoginCount == 0 && u.LastLoginAt == TestUsers.Epoch && u.Name == "Renamed");
    }

    [Fact]
    public async Task Of_two_admins_removing_each_other_in_parallel_exactly_one_passes()
    {
        var first = TestUsers.New(id: "1", email: "one@example.com");
        var second = TestUsers.New(id: "2", email: "two@example.com");
        first.GrantRole(Role.Admin, TestUsers.Epoch);
        second.GrantRole(Role.Admin, TestUsers.Epoch);
        await _repository.TryAddAsync(first, default);
        await _repository.TryAddAsync(second, default);
        var a = (await _repository.FindByIdAsync("1", default))!;
        var b = (await _repository.FindByIdAsync("2", default))!;
        a.Disable(TestUsers.Epoch);
        b.RevokeRole(Role.Admin, TestUsers.Epoch);

        var results = await Task.WhenAll(Task.Run(() => _repository.TryUpdateRemovingActiveAdminAsync(a, default)), Task.Run(() => _repository.TryUpdateRemovingActiveAdminAsync(b, default)));

        results.Count(r => r).Should().Be(1);
        (await _repository.CountActiveAdminsAsync(default)).Should().Be(1);
        var survivor = (await _repository.FindByIdAsync(results[0] ? "2" : "1", default))!;
        survivor.Disable(TestUsers.Epoch);
        var plain = () => _repository.UpdateAsync(survivor, default);
        await plain.Should().ThrowAsync<InvalidOperationException>("a plain update may not take an administrator away");
    }
}
