using CleanAuth.Application.Accounts.ChangePassword;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

public sealed class ChangePasswordCommandHandlerTests
{
    private const string Current = "correct horse battery staple";
    private const string Next = "a brand new long passphrase";
    private readonly UserHandlerFixture _fixture = new();
    private readonly AccountFakes _kit = new();
    private readonly ChangePasswordCommandHandler _handler;

    public ChangePasswordCommandHandlerTests()
    {
        var attempts = new SignInAttempts(_fixture.Users, Microsoft.Extensions.Options.Options.Create(_kit.Lockout), _kit.Events, _fixture.Clock);
        var refresh = new RefreshTokens(_kit.Store, _kit.Tokens, _kit.Ids, _kit.Client, Microsoft.Extensions.Options.Options.Create(_kit.RefreshOptions), _fixture.Clock);
        _handler = new ChangePasswordCommandHandler(_fixture.CurrentUser, _fixture.Users, _kit.Hasher, _kit.Store, refresh, attempts, _kit.Events, _kit.Activity, _fixture.Clock);
    }

    [Fact]
    public async Task Stores_the_new_hash_rotates_the_stamp_revokes_every_family_and_returns_a_fresh_pair()
    {
        await _kit.Store.StartSessionAsync(new StoredRefreshToken("1", "h1", _fixture.Stored.Id, "f", "s", TestUsers.Epoch, TestUsers.Epoch.AddDays(1), TestUsers.Epoch.AddDays(2), null, null), default);

        var pair = await _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        _kit.Hasher.Verify(stored.PasswordHash, Next).Should().Be(PasswordVerification.Succeeded);
        stored.SecurityStamp.Should().NotBe(_fixture.Stored.SecurityStamp);
        _kit.Store.All.Single(t => t.Id == "1").RevokedAt.Should().NotBeNull();
        _kit.Store.All.Single(t => t.Id != "1").Should().Match<StoredRefreshToken>(t => t.RevokedAt == null && t.SecurityStamp == stored.SecurityStamp);
        pair.AccessToken.Should().Be(FakeTokenService.TokenFor(stored));
        stored.LastLoginAt.Should().BeNull("a password change is not a login");
        _kit.EventNames.Should().Equal("PasswordChanged");
    }

    [Fact]
    public async Task A_wrong_current_password_is_a_field_error_counted_as_a_failed_attempt()
    {
        var act = () => _handler.Handle(new ChangePasswordCommand("wrong password", Next), default);

        var error = (await act.Should().ThrowAsync<ValidationException>()).Which;
        error.Errors.Keys.Should().Equal("currentPassword");
        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        stored.FailedLoginCount.Should().Be(1);
        stored.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
    }

    [Fact]
    public async Task While_locked_out_even_the_right_current_password_gets_the_answer_a_wrong_one_gets()
    {
        for (var i = 0; i < _kit.Lockout.MaxFailedAttempts; i++)
        {
            var wrong = () => _handler.Handle(new ChangePasswordCommand("wrong " + i, Next), default);
            await wrong.Should().ThrowAsync<ValidationException>();
        }

        var act = () => _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors["currentPassword"].Should().Equal(ChangePasswordCommandHandler.WrongCurrentPassword);
        _fixture.Users.Stored(_fixture.Stored.Id)!.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
        _kit.EventNames.Should().Contain("AccountLocked");
    }

    [Fact]
    public async Task A_concurrent_write_does_not_turn_the_right_password_into_a_conflict()
    {
        _fixture.Users.SimulateConcurrentWrite(_fixture.Stored.Id, u => u.Rename(PersonName.Create("Renamed elsewhere"), TestUsers.Epoch));

        await _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        var stored = _fixture.Users.Stored(_fixture.Stored.Id)!;
        _kit.Hasher.Verify(stored.PasswordHash, Next).Should().Be(PasswordVerification.Succeeded);
        stored.Name.Should().Be("Renamed elsewhere");
        stored.FailedLoginCount.Should().Be(0, "the right password resets the count");
    }

    [Fact]
    public async Task If_the_password_itself_changed_meanwhile_the_current_password_is_wrong()
    {
        _fixture.Users.SimulateConcurrentWrite(_fixture.Stored.Id, u => u.ChangePassword("CHANGED ELSEWHERE", TestUsers.Epoch));

        var act = () => _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors["currentPassword"].Should().Equal(ChangePasswordCommandHandler.WrongCurrentPassword);
        _fixture.Users.Stored(_fixture.Stored.Id)!.PasswordHash.Should().Be("CHANGED ELSEWHERE");
    }

    [Fact]
    public async Task Two_concurrent_writes_in_a_row_are_absorbed()
    {
        LoseToConcurrentWrites(2);

        await _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        _kit.Hasher.Verify(_fixture.Users.Stored(_fixture.Stored.Id)!.PasswordHash, Next).Should().Be(PasswordVerification.Succeeded);
    }

    [Fact]
    public async Task A_change_that_loses_to_three_concurrent_writes_in_a_row_gives_up_with_a_conflict()
    {
        LoseToConcurrentWrites(3);

        var act = () => _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        await act.Should().ThrowAsync<ConflictException>();
        _fixture.Users.Stored(_fixture.Stored.Id)!.PasswordHash.Should().Be(_fixture.Stored.PasswordHash);
    }

    [Fact]
    public async Task An_account_erased_while_the_change_retries_is_no_longer_signed_in()
    {
        _fixture.Users.BeforeUpdate = user =>
        {
            _fixture.Users.SimulateConcurrentWrite(user.Id);
            _fixture.Users.TryMarkErasing(user.Id, TestUsers.Epoch);
        };

        var act = () => _handler.Handle(new ChangePasswordCommand(Current, Next), default);

        (await act.Should().ThrowAsync<UnauthorizedException>()).Which.Message.Should().Be("The account no longer exists.");
    }

    // The next `count` writes of the user each find that another request saved it first.
    private void LoseToConcurrentWrites(int count) =>
        _fixture.Users.BeforeUpdate = user =>
        {
            if (count-- > 0)
            {
                _fixture.Users.SimulateConcurrentWrite(user.Id);
            }
        };

    [Fact]
    public void The_validator_applies_the_registration_policy_to_the_new_password()
    {
        var validator = new ChangePasswordCommandValidator();

        validator.Validate(new ChangePasswordCommand(Current, "password")).Errors.Select(e => e.PropertyName).Should().Equal("NewPassword");
        validator.Validate(new ChangePasswordCommand("", "short")).Errors.Select(e => e.ErrorMessage).Should().BeEquivalentTo(
            "CurrentPassword is required.", "Password must be at least 8 characters.");
        validator.Validate(new ChangePasswordCommand(Current, Next)).IsValid.Should().BeTrue();
        new ChangePasswordCommand(Current, Next).ToString().Should().NotContain(Current).And.NotContain(Next);
    }
}
