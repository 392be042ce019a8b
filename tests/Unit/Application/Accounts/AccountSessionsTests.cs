using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>Ending every session of a user: the stamp rotation survives concurrent writes to the user, up to a limit.</summary>
public sealed class AccountSessionsTests
{
    private readonly AccountFakes _kit = new();
    private readonly AccountSessions _sessions;
    private readonly User _alice;

    public AccountSessionsTests()
    {
        _alice = _kit.Users.Seed(TestUsers.New(email: "alice@example.com"));
        _sessions = new AccountSessions(_kit.Users, _kit.Store, _kit.RefreshTokens, _kit.Clock);
    }

    [Fact]
    public async Task Two_concurrent_writes_in_a_row_are_absorbed_and_keep_what_they_changed()
    {
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        LoseToConcurrentWrites(2);

        var ended = await _sessions.EndAllAsync(_kit.Users.Stored(_alice.Id)!, default);

        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.SecurityStamp.Should().NotBe(_alice.SecurityStamp).And.Be(ended.SecurityStamp);
        stored.Name.Should().Be("Renamed elsewhere", "the rotation is applied again to a fresh read");
        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().Be(_kit.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Losing_to_three_concurrent_writes_in_a_row_gives_up_with_a_conflict_and_ends_nothing()
    {
        await _kit.RefreshTokens.StartSessionAsync(_alice, default);
        LoseToConcurrentWrites(3);

        var act = () => _sessions.EndAllAsync(_kit.Users.Stored(_alice.Id)!, default);

        await act.Should().ThrowAsync<ConflictException>();
        _kit.Users.Stored(_alice.Id)!.SecurityStamp.Should().Be(_alice.SecurityStamp);
        _kit.Store.All.Should().ContainSingle().Which.RevokedAt.Should().BeNull();
    }

    [Fact]
    public async Task An_account_erased_meanwhile_is_no_longer_there_to_sign_out()
    {
        _kit.Users.BeforeUpdate = user =>
        {
            _kit.Users.SimulateConcurrentWrite(user.Id);
            _kit.Users.TryMarkErasing(user.Id, _kit.Clock.GetUtcNow());
        };

        var act = () => _sessions.EndAllAsync(_kit.Users.Stored(_alice.Id)!, default);

        (await act.Should().ThrowAsync<UnauthorizedException>()).Which.Message.Should().Be("The account no longer exists.");
    }

    // The next `count` writes of the user each find that another request saved it first.
    private void LoseToConcurrentWrites(int count) =>
        _kit.Users.BeforeUpdate = user =>
        {
            if (count-- > 0)
            {
                _kit.Users.SimulateConcurrentWrite(user.Id, u => u.Rename(PersonName.Create("Renamed elsewhere"), TestUsers.Epoch));
            }
        };
}
