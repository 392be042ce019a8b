using CleanAuth.Application.Accounts.BeginTwoFactorSetup;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Unit.Fakes;
using OtpNet;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>
/// The second factor's check (each code and recovery code accepted once) and the password confirmation of signed-in
/// changes, whose wrong guesses share the sign-in lockout (ADR 0031, ADR 0041).
/// </summary>
public sealed class SecondFactorCheckTests
{
    private const string Password = "correct horse battery staple";
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _currentUser = new();
    private readonly User _alice;

    public SecondFactorCheckTests()
    {
        _alice = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(email: "alice@example.com", password: Password)));
        _currentUser.Set(_kit.Users.Stored(_alice.Id)!);
    }

    [Fact]
    public void A_second_factor_is_enabled_only_with_both_a_secret_and_an_enable_time()
    {
        new TwoFactorState(_alice.Id, "secret", null, TestUsers.Epoch, null, []).IsEnabled.Should().BeTrue();
        new TwoFactorState(_alice.Id, "secret", null, null, null, []).IsEnabled.Should().BeFalse();
        new TwoFactorState(_alice.Id, null, "pending", TestUsers.Epoch, null, []).IsEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task A_code_is_accepted_once_and_a_wrong_one_never()
    {
        var (key, _) = await EnableAsync();
        var state = await StateAsync();

        (await _kit.SecondFactor.CheckAsync(state, "000000" == CodeNow(key) ? "111111" : "000000", null, default)).Should().Be(SecondFactorCheck.Refused);
        (await _kit.SecondFactor.CheckAsync(state, CodeNow(key, stepsFromNow: 1), null, default)).Should().Be(SecondFactorCheck.CodeAccepted);
        (await _kit.SecondFactor.CheckAsync(state, CodeNow(key, stepsFromNow: 1), null, default)).Should().Be(SecondFactorCheck.Refused, "a code seen once is refused again");
    }

    [Fact]
    public async Task A_recovery_code_is_spent_once_and_nothing_at_all_is_refused()
    {
        var (_, codes) = await EnableAsync();
        var state = await StateAsync();

        (await _kit.SecondFactor.CheckAsync(state, null, codes[0], default)).Should().Be(SecondFactorCheck.RecoveryCodeSpent);
        (await _kit.SecondFactor.CheckAsync(state, null, codes[0], default)).Should().Be(SecondFactorCheck.Refused);
        (await _kit.SecondFactor.CheckAsync(state, null, null, default)).Should().Be(SecondFactorCheck.Refused);
    }

    [Fact]
    public async Task A_secret_no_configured_key_opens_is_unreadable_but_a_missing_secret_is_only_refused()
    {
        var (key, _) = await EnableAsync();
        var otherKey = new AesGcmSecretProtector([.. Enumerable.Repeat((byte)7, AesGcmSecretProtector.KeyBytes)], []);
        var rotatedAway = new SecondFactor(_kit.TwoFactors, _kit.Authenticator, otherKey, _kit.Clock);
        var state = await StateAsync();

        (await rotatedAway.CheckAsync(state, CodeNow(key), null, default)).Should().Be(SecondFactorCheck.Unreadable);
        (await _kit.SecondFactor.CheckAsync(state with { Secret = null }, CodeNow(key), null, default)).Should().Be(SecondFactorCheck.Refused);
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_account_after_the_limit_and_then_the_right_one_is_refused_too()
    {
        for (var i = 0; i < _kit.Lockout.MaxFailedAttempts; i++)
        {
            await WrongAsync(() => _kit.Passwords.ConfirmAsync(Current(), "not " + Password, "currentPassword", default), "currentPassword");
        }

        _kit.EventNames.Should().ContainSingle(n => n == "AccountLocked", "the last guess of the window locks the account");
        await WrongAsync(() => _kit.Passwords.ConfirmAsync(Current(), Password, "currentPassword", default), "currentPassword");
        _kit.EventNames.Should().ContainSingle(n => n == "AccountLocked", "a refused guess is not weighed, so it locks nothing again");
    }

    [Fact]
    public async Task The_right_password_clears_the_count_of_wrong_ones()
    {
        await WrongAsync(() => _kit.Passwords.ConfirmAsync(Current(), "not " + Password, "password", default), "password");
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(1);

        _kit.Clock.Advance(TimeSpan.FromMinutes(1));
        await _kit.Passwords.ConfirmAsync(Current(), Password, "password", default);

        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(0);
        _kit.Users.Stored(_alice.Id)!.LastLoginAt.Should().Be(_alice.LastLoginAt, "confirming a change is not a sign-in");
    }

    [Fact]
    public async Task Wrong_second_factors_after_the_right_password_count_toward_the_lockout()
    {
        var (key, codes) = await EnableAsync();
        var wrongCode = CodeNow(key) == "000000" ? "111111" : "000000";
        for (var i = 0; i < _kit.Lockout.MaxFailedAttempts; i++)
        {
            await WrongAsync(() => _kit.Passwords.ConfirmWithSecondFactorAsync(Current(), Password, wrongCode, null, TwoFactorPurpose.Erase, default), "twoFactorCode", SecondFactor.Wrong);
        }

        _kit.EventNames.Should().Contain("AccountLocked");
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(_kit.Lockout.MaxFailedAttempts, "a wrong code does not clear the count as the right password alone would");
        await WrongAsync(() => _kit.Passwords.ConfirmWithSecondFactorAsync(Current(), Password, null, codes[0], TwoFactorPurpose.Erase, default), "password");
    }

    [Fact]
    public async Task A_missing_or_wrong_recovery_code_is_an_error_on_its_own_field()
    {
        await EnableAsync();

        await WrongAsync(() => _kit.Passwords.ConfirmWithSecondFactorAsync(Current(), Password, null, null, TwoFactorPurpose.Erase, default), "twoFactorCode", SecondFactor.Needed);
        await WrongAsync(() => _kit.Passwords.ConfirmWithSecondFactorAsync(Current(), Password, null, "AAAAA-AAAAA", TwoFactorPurpose.Erase, default), "recoveryCode", SecondFactor.Wrong);
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(2);
    }

    private static async Task WrongAsync(Func<Task> act, string field, string message = CurrentPasswordCheck.WrongPassword) =>
        (await act.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().BeEquivalentTo(new Dictionary<string, string[]> { [field] = [message] });

    private User Current() => _kit.Users.Stored(_alice.Id)!;

    private Task<TwoFactorState> StateAsync() => _kit.TwoFactors.FindAsync(_alice.Id, default)!;

    private string CodeNow(string key, int stepsFromNow = 0) =>
        new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(_kit.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync()
    {
        var setup = await new BeginTwoFactorSetupCommandHandler(_currentUser, _kit.TwoFactors, _kit.Authenticator, _kit.SecondFactor)
            .Handle(new BeginTwoFactorSetupCommand(), default);
        var sessions = new AccountSessions(_kit.Users, _kit.Store, _kit.RefreshTokens, _kit.Clock);
        var enabled = await new EnableTwoFactorCommandHandler(_currentUser, _kit.Caller, _kit.TwoFactors, _kit.SecondFactor, sessions, _kit.Events, _kit.Activity, _kit.Clock)
            .Handle(new EnableTwoFactorCommand(CodeNow(setup.SharedKey)), default);
        return (setup.SharedKey, enabled.RecoveryCodes);
    }
}
