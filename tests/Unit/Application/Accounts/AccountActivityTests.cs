using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.EnableAccount;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using CleanAuth.Tests.Unit.Fakes;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>What the sign-in and an administrator's action leave in an account's activity (ADR 0054).</summary>
public sealed class AccountActivityTests
{
    private const string Password = "correct horse battery staple";

    private readonly AccountFakes _kit = new();
    private readonly LoginCommandHandler _login;
    private readonly User _alice;

    public AccountActivityTests()
    {
        _login = _kit.Login();
        _alice = _kit.Users.Seed(TestUsers.New(email: "alice@example.com", password: Password));
        _kit.Client.UserAgent = "Mozilla/5.0 (test)";
    }

    [Fact]
    public async Task A_sign_in_and_a_wrong_password_are_the_users_with_the_requests_address_and_agent()
    {
        await _login.Handle(new LoginCommand(_alice.Email, Password), default);
        var wrong = () => _login.Handle(new LoginCommand(_alice.Email, "not " + Password), default);
        await wrong.Should().ThrowAsync<UnauthorizedException>();

        _kit.ActivityLog.All.Select(e => (e.UserId, e.Kind, e.Outcome, e.ClientIp, e.UserAgent)).Should().BeEquivalentTo(
        [
            (_alice.Id, ActivityKind.SignIn, ActivityOutcome.Succeeded, "203.0.113.7", "Mozilla/5.0 (test)"),
            (_alice.Id, ActivityKind.SignIn, ActivityOutcome.WrongPassword, "203.0.113.7", "Mozilla/5.0 (test)"),
        ]);
        _kit.ActivityLog.All.Should().OnlyContain(e => e.At == _kit.Clock.GetUtcNow(), "the time is the service clock's (MillisecondClock reads it to the millisecond)");
    }

    [Fact]
    public async Task An_unknown_address_makes_the_same_write_for_nobody_without_the_callers_address()
    {
        var unknown = () => _login.Handle(new LoginCommand("nobody@example.com", Password), default);
        await unknown.Should().ThrowAsync<UnauthorizedException>();

        var entry = _kit.ActivityLog.All.Should().ContainSingle().Subject;
        entry.UserId.Value.Should().Be("000000000000000000000000");
        entry.IsFailure.Should().BeTrue("it is capped like a known address's failure");
        (entry.ClientIp, entry.UserAgent).Should().Be((null, null));
    }

    [Fact]
    public async Task A_locked_account_records_the_lock_not_a_wrong_password()
    {
        for (var i = 0; i < _kit.Lockout.MaxFailedAttempts; i++)
        {
            await FluentActions.Awaiting(() => _login.Handle(new LoginCommand(_alice.Email, "not " + Password), default)).Should().ThrowAsync<UnauthorizedException>();
        }

        await FluentActions.Awaiting(() => _login.Handle(new LoginCommand(_alice.Email, Password), default)).Should().ThrowAsync<UnauthorizedException>();

        _kit.ActivityLog.All[0].Outcome.Should().Be(ActivityOutcome.Locked);
    }

    [Fact]
    public async Task An_administrators_action_keeps_their_address_and_agent_out_of_the_users_activity()
    {
        var admin = new CurrentUserAccessor();
        admin.Set(TestUsers.New(id: "000000000000000000000fff", email: "root@example.com"));
        _kit.Users.SimulateConcurrentWrite(_alice.Id, u => u.Disable(TestUsers.Epoch));

        await new EnableAccountCommandHandler(admin, _kit.Users, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new EnableAccountCommand(_alice.Id.Value), default);

        var entry = _kit.ActivityLog.All.Should().ContainSingle().Subject;
        (entry.UserId, entry.Kind, entry.ClientIp, entry.UserAgent).Should().Be((_alice.Id, ActivityKind.AccountEnabled, null, null));
    }

    [Theory]
    [InlineData(true, SignInFailure.UnknownEmail)]
    [InlineData(false, SignInFailure.WrongPassword)]
    public async Task A_failure_without_a_known_user_is_nobodys_without_the_callers_address_agent_or_session(bool withUserId, SignInFailure reason)
    {
        _kit.Caller.SessionId = "sid-1";

        await _kit.Activity.SignInFailedAsync(withUserId ? _alice.Id : null, reason, default);

        var entry = _kit.ActivityLog.All.Should().ContainSingle().Subject;
        (entry.UserId, entry.Kind, entry.Outcome, entry.ClientIp, entry.UserAgent, entry.SessionId)
            .Should().Be((AccountCodes.Nobody, ActivityKind.SignIn, ActivityOutcome.WrongPassword, null, null, null));
    }

    [Theory]
    [InlineData(SignInFailure.Disabled)]
    [InlineData(SignInFailure.EmailNotConfirmed)]
    public async Task Reasons_the_owner_may_not_learn_are_not_recorded(SignInFailure reason)
    {
        await _kit.Activity.SignInFailedAsync(_alice.Id, reason, default);

        _kit.ActivityLog.All.Should().BeEmpty();
    }

    [Fact]
    public async Task The_owners_own_change_carries_the_callers_session_and_an_administrators_does_not()
    {
        _kit.Caller.SessionId = "sid-1";

        await _kit.Activity.RecordAsync(_alice.Id, ActivityKind.PasswordChanged, default, actor: _alice.Id);
        await _kit.Activity.RecordAsync(_alice.Id, ActivityKind.AccountDisabled, default, actor: UserId.From("000000000000000000000fff"));

        _kit.ActivityLog.All.Select(e => (e.Kind, e.ClientIp, e.SessionId)).Should().BeEquivalentTo(
            [(ActivityKind.PasswordChanged, "203.0.113.7", "sid-1"), (ActivityKind.AccountDisabled, (string?)null, (string?)null)]);
    }
}
