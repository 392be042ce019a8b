using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableAccount;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Abstractions;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class DisableAccountCommandHandlerTests
{
    private readonly UserHandlerFixture _fixture = new();
    private readonly AccountFakes _kit = new();
    private readonly DisableAccountCommandHandler _handler;

    public DisableAccountCommandHandlerTests() =>
        _handler = new DisableAccountCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Store, _kit.Events, _kit.Activity, _fixture.Clock);

    [Fact]
    public async Task Disables_the_account_rotates_the_security_stamp_and_persists_both()
    {
        _fixture.Clock.Advance(TimeSpan.FromHours(2));

        await _handler.Handle(new DisableAccountCommand(), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.IsDisabled.Should().BeTrue();
        stored.SecurityStamp.Should().NotBe(_fixture.Stored.SecurityStamp);
        stored.SecurityStamp.Should().NotBeNullOrWhiteSpace();
        stored.UpdatedAt.Should().Be(TestUsers.Epoch.AddHours(2));
        stored.Version.Should().Be(_fixture.Stored.Version + 1);
    }

    [Fact]
    public async Task Keeps_the_account_and_its_data()
    {
        await _handler.Handle(new DisableAccountCommand(), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.Name.Should().Be(_fixture.Stored.Name);
        stored.Email.Should().Be(_fixture.Stored.Email);
        stored.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
        _fixture.Users.Count.Should().Be(1);
    }

    [Fact]
    public async Task Revokes_every_refresh_family_of_the_user_and_logs_the_event()
    {
        await _kit.Store.StartSessionAsync(Token("1", _fixture.Stored.Id.Value, "f1"), default);
        await _kit.Store.StartSessionAsync(Token("2", _fixture.Stored.Id.Value, "f2"), default);
        await _kit.Store.StartSessionAsync(Token("3", "0000000000000000000e15e0", "f3"), default);

        await _handler.Handle(new DisableAccountCommand(), default);

        _kit.Store.All.Where(t => t.UserId == _fixture.Stored.Id).Should().OnlyContain(t => t.RevokedAt != null);
        _kit.Store.All.Single(t => t.UserId.Value == "0000000000000000000e15e0").RevokedAt.Should().BeNull();
        _kit.Log.Entries.Should().ContainSingle(e => e.EventId.Name == "AccountDisabled")
            .Which["UserId"].Should().Be(_fixture.Stored.Id.Value);
    }

    [Fact]
    public void Self_disable_needs_no_role_but_disabling_another_user_requires_admin()
    {
        new DisableAccountCommand().RequiredRole.Should().BeNull();
        new DisableAccountCommand("000000000000000000000def").RequiredRole.Should().Be(Role.Admin);
        (new DisableAccountCommand() is IRequireUser).Should().BeTrue();
    }

    [Fact]
    public async Task An_administrator_disables_another_user_by_id()
    {
        var bob = _fixture.Users.Seed(TestUsers.New(id: "000000000000000000000def", name: "Bob", email: "bob@example.com"));

        await _handler.Handle(new DisableAccountCommand(bob.Id.Value), default);

        _fixture.Users.Stored(bob.Id)!.IsDisabled.Should().BeTrue();
        _fixture.Users.Stored(_fixture.Stored.Id)!.IsDisabled.Should().BeFalse();
    }

    [Fact]
    public async Task Disabling_an_account_that_is_already_disabled_changes_nothing_and_logs_nothing()
    {
        var bob = _fixture.Users.Seed(TestUsers.New(id: "000000000000000000000def", name: "Bob", email: "bob@example.com"));
        _fixture.Users.SimulateConcurrentWrite(bob.Id, u => u.Disable(TestUsers.Epoch));
        var before = _fixture.Users.Stored(bob.Id)!;

        await _handler.Handle(new DisableAccountCommand(bob.Id.Value), default);

        _fixture.Users.Stored(bob.Id)!.SecurityStamp.Should().Be(before.SecurityStamp);
        _fixture.Users.UpdateCalls.Should().Be(0);
        _kit.Log.Entries.Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_or_malformed_target_is_not_found()
    {
        var unknown = () => _handler.Handle(new DisableAccountCommand("000000000000000000000fff"), default);
        var malformed = () => _handler.Handle(new DisableAccountCommand("nope"), default);

        await unknown.Should().ThrowAsync<NotFoundException>();
        await malformed.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_disabled_but_one_of_two_can()
    {
        _fixture.CurrentUser.User.GrantRole(Role.Admin, TestUsers.Epoch);
        await _fixture.Users.UpdateAsync(_fixture.CurrentUser.User, default);
        _fixture.CurrentUser.Set(_fixture.Users.Stored(_fixture.Stored.Id)!);

        var last = () => _handler.Handle(new DisableAccountCommand(), default);
        (await last.Should().ThrowAsync<ConflictException>()).Which.Message.Should().Be(LastAdministratorException.LastAdministrator);
        _fixture.Users.Stored(_fixture.Stored.Id)!.IsDisabled.Should().BeFalse();

        var other = TestUsers.New(id: "000000000000000000000def", email: "bob@example.com");
        other.GrantRole(Role.Admin, TestUsers.Epoch);
        _fixture.Users.Seed(other);
        // A new request reads the user afresh (the refused one had changed only its own copy).
        _fixture.CurrentUser.Set((await _fixture.Users.FindByIdAsync(_fixture.Stored.Id, default))!);
        await _handler.Handle(new DisableAccountCommand(), default);
        _fixture.Users.Stored(_fixture.Stored.Id)!.IsDisabled.Should().BeTrue();
    }

    private static StoredRefreshToken Token(string id, string userId, string family) =>
        new(id, "hash" + id, UserId.From(userId), family, "stamp", TestUsers.Epoch, TestUsers.Epoch.AddDays(14), TestUsers.Epoch.AddDays(30), null, null);
}
