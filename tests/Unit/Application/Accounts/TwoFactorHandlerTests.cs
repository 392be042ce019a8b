using CleanAuth.Application.Accounts.BeginTwoFactorSetup;
using CleanAuth.Application.Accounts.Common;
using CleanAuth.Application.Accounts.DisableTwoFactor;
using CleanAuth.Application.Accounts.EnableTwoFactor;
using CleanAuth.Application.Accounts.ListUsers;
using CleanAuth.Application.Accounts.Login;
using CleanAuth.Application.Accounts.Ports;
using CleanAuth.Application.Accounts.RegenerateRecoveryCodes;
using CleanAuth.Application.Accounts.ResetTwoFactor;
using CleanAuth.Application.Accounts.UpdateProfile;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Users;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Tests.Unit.Fakes;
using OtpNet;

namespace CleanAuth.Tests.Unit.Application.Accounts;

/// <summary>The second factor's use cases and the login's part in it, over the in-memory stores and a fake clock.</summary>
public sealed class TwoFactorHandlerTests
{
    private const string Password = "correct horse battery staple";
    private readonly AccountFakes _kit = new();
    private readonly CurrentUserAccessor _currentUser = new();
    private readonly FakeCallerIdentity _caller = new();
    private readonly AccountSessions _sessions;
    private readonly CurrentPasswordCheck _passwords;
    private readonly User _alice;

    public TwoFactorHandlerTests()
    {
        _alice = _kit.Users.Seed(TestUsers.Confirmed(TestUsers.New(password: Password)));
        _currentUser.Set(_kit.Users.FindByIdAsync(_alice.Id, default).Result!);
        _sessions = new AccountSessions(_kit.Users, _kit.Store, _kit.RefreshTokens, _kit.Clock);
        _passwords = _kit.Passwords;
    }

    [Fact]
    public async Task Before_the_address_is_confirmed_neither_setup_nor_enable_is_allowed()
    {
        var setup = await Setup();
        var unconfirmed = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000e7e", email: "eve@example.com"));
        _currentUser.Set(unconfirmed);

        await FluentActions.Awaiting(Setup).Should().ThrowAsync<EmailNotConfirmedException>();
        await _kit.TwoFactors.TryBeginSetupAsync(unconfirmed.Id, (await _kit.TwoFactors.FindAsync(_alice.Id, default))!.PendingSecret!, default);
        (await FluentActions.Awaiting(() => Enable(Code(setup))).Should().ThrowAsync<EmailNotConfirmedException>())
            .Which.ProblemType.Should().Be("urn:cleanauth:problem:email-not-confirmed");
        (await _kit.TwoFactors.FindAsync(unconfirmed.Id, default))!.IsEnabled.Should().BeFalse();
    }

    [Fact]
    public async Task Setup_stores_only_a_ciphertext_bound_to_the_user_and_describes_the_key()
    {
        var setup = await Setup();

        var state = (await _kit.TwoFactors.FindAsync(_alice.Id, default))!;
        state.PendingSecret.Should().NotBeNull().And.NotContain(setup.SharedKey).And.StartWith("v1.");
        _kit.Protector.Unprotect(state.PendingSecret!, _alice.Id.Value).Should().Equal(Base32Encoding.ToBytes(setup.SharedKey));
        _kit.Protector.Unprotect(state.PendingSecret!, "000000000000000000000def").Should().BeNull("the ciphertext is bound to its user");
        setup.AuthenticatorUri.Should().StartWith("otpauth://totp/CleanAuth:alice%40example.com?secret=" + setup.SharedKey);
        setup.QrCodeSvg.Should().Contain("<svg");
        setup.ToString().Should().NotContain(setup.SharedKey);
    }

    [Fact]
    public async Task Enable_checks_the_code_stores_hashed_recovery_codes_and_ends_every_other_session()
    {
        var setup = await Setup();
        var stampBefore = _alice.SecurityStamp;

        var wrong = () => Enable(Code(setup, -2));
        (await wrong.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainKey("code");
        var enabled = await Enable(Code(setup));

        enabled.RecoveryCodes.Should().HaveCount(RecoveryCodes.Count).And.OnlyHaveUniqueItems();
        var state = (await _kit.TwoFactors.FindAsync(_alice.Id, default))!;
        state.IsEnabled.Should().BeTrue();
        state.RecoveryCodeHashes.Should().BeEquivalentTo(enabled.RecoveryCodes.Select(c => RecoveryCodes.HashOf(_alice.Id, c)));
        state.RecoveryCodeHashes.Should().NotIntersectWith(enabled.RecoveryCodes);
        var stored = _kit.Users.Stored(_alice.Id)!;
        stored.SecurityStamp.Should().NotBe(stampBefore);
        enabled.AccessToken.Should().Be(FakeTokenService.TokenFor(stored));
        enabled.ToString().Should().NotContain(enabled.RecoveryCodes[0]).And.NotContain(enabled.AccessToken);
        _kit.EventNames.Should().Equal("TwoFactorFailed", "TwoFactorEnabled");
    }

    [Fact]
    public async Task Enable_without_setup_or_twice_and_setup_while_enabled_are_conflicts()
    {
        var withoutSetup = () => Enable("123456");
        await withoutSetup.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.NoSetup);

        var setup = await Setup();
        await Enable(Code(setup));
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));

        var twice = () => Enable(Code(setup));
        await twice.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.AlreadyEnabled);
        var again = Setup;
        await again.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.AlreadyEnabled);
    }

    [Fact]
    public async Task Login_requires_the_second_factor_after_the_password_and_counts_a_missing_or_wrong_one()
    {
        var setup = await Setup();
        await Enable(Code(setup));
        _kit.Clock.Advance(TimeSpan.FromSeconds(30));
        var metrics = new FakeAuthMetrics();
        var login = _kit.Login(metrics);
        _kit.Log.Entries.Clear();

        var missing = () => login.Handle(new LoginCommand(_alice.Email, Password), default);
        var wrong = () => login.Handle(new LoginCommand(_alice.Email, Password, "000000"), default);
        var wrongPassword = () => login.Handle(new LoginCommand(_alice.Email, "not " + Password, Code(setup)), default);

        (await missing.Should().ThrowAsync<TwoFactorRequiredException>()).Which.Message.Should().Be(SecondFactor.Needed);
        (await wrong.Should().ThrowAsync<TwoFactorRequiredException>()).Which.Message.Should().Be(SecondFactor.Wrong);
        (await wrongPassword.Should().ThrowAsync<UnauthorizedException>()).Which.ProblemType.Should().BeNull();
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(3, "each counts toward the lockout");
        _kit.EventNames.Should().Equal("LoginFailed", "TwoFactorFailed", "LoginFailed");
        metrics.Failures.Should().Equal(SignInFailure.TwoFactorRequired, SignInFailure.TwoFactorFailed, SignInFailure.WrongPassword);

        (await login.Handle(new LoginCommand(_alice.Email, Password, Code(setup)), default)).Tokens.AccessToken.Should().NotBeEmpty();
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(0);
        var replay = () => login.Handle(new LoginCommand(_alice.Email, Password, Code(setup)), default);
        await replay.Should().ThrowAsync<TwoFactorRequiredException>();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_missing_or_wrong_second_factor_that_spends_the_last_attempt_locks_the_account(bool withWrongCode)
    {
        var setup = await Setup();
        await Enable(Code(setup));
        _kit.Lockout.MaxFailedAttempts = 1;
        var login = _kit.Login();

        var act = () => login.Handle(new LoginCommand(_alice.Email, Password, withWrongCode ? "000000" : null), default);

        await act.Should().ThrowAsync<TwoFactorRequiredException>();
        _kit.EventNames.Should().Contain("AccountLocked");
        _kit.Users.Stored(_alice.Id)!.LockoutEnd.Should().NotBeNull();
    }

    [Fact]
    public async Task A_stored_secret_no_configured_key_opens_is_refused_but_not_logged_as_a_wrong_second_factor()
    {
        var elsewhere = new AesGcmSecretProtector([.. Enumerable.Repeat((byte)7, AesGcmSecretProtector.KeyBytes)], []);
        var sealedElsewhere = elsewhere.Protect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], _alice.Id.Value);
        (await _kit.TwoFactors.TryBeginSetupAsync(_alice.Id, sealedElsewhere, default)).Should().BeTrue();
        (await _kit.TwoFactors.TryEnableAsync(_alice.Id, sealedElsewhere, 1, ["H"], _kit.Clock.GetUtcNow(), default)).Should().BeTrue();
        var metrics = new FakeAuthMetrics();
        var login = _kit.Login(metrics);
        _kit.Log.Entries.Clear();

        var attempt = () => login.Handle(new LoginCommand(_alice.Email, Password, "123456"), default);

        (await attempt.Should().ThrowAsync<TwoFactorRequiredException>()).Which.Message.Should().Be(SecondFactor.Wrong);
        _kit.EventNames.Should().NotContain("TwoFactorFailed", "the protector logs it as the configuration error it is (TwoFactorSecretUnreadable)");
        _kit.Users.Stored(_alice.Id)!.FailedLoginCount.Should().Be(1, "it still counts toward the lockout, as any refused second factor does");
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once_and_is_recorded()
    {
        var setup = await Setup();
        var enabled = await Enable(Code(setup));
        var login = _kit.Login();

        (await login.Handle(new LoginCommand(_alice.Email, Password, RecoveryCode: enabled.RecoveryCodes[3]), default)).Tokens.AccessToken.Should().NotBeEmpty();
        var again = () => login.Handle(new LoginCommand(_alice.Email, Password, RecoveryCode: enabled.RecoveryCodes[3]), default);

        await again.Should().ThrowAsync<TwoFactorRequiredException>();
        _kit.EventNames.Should().ContainInOrder("RecoveryCodeUsed", "LoginSucceeded", "TwoFactorFailed");
        (await _kit.TwoFactors.FindAsync(_alice.Id, default))!.RecoveryCodeHashes.Should().HaveCount(9);
    }

    [Fact]
    public async Task Enabling_keeps_the_callers_sign_in_time_so_a_code_from_an_app_never_makes_a_token_recent()
    {
        var signedInAt = _kit.Clock.GetUtcNow().AddHours(-3);
        _caller.AuthTime = signedInAt;

        await Enable(Code(await Setup()));

        _kit.Tokens.AuthTimes.Should().Equal([signedInAt], "the new session is the old sign-in's, not a new one (ADR 0047)");
        _kit.Store.All.Single(t => t.RevokedAt is null).SignedInAt.Should().Be(signedInAt, "and its family keeps it for every refresh");
    }

    [Fact]
    public async Task An_enable_that_loses_to_a_concurrent_one_or_to_a_newer_setup_is_a_conflict()
    {
        var setup = await Setup();
        var racing = new RacingStore(_kit.TwoFactors);
        var enable = new EnableTwoFactorCommandHandler(_currentUser, _caller, racing, _kit.SecondFactor, _sessions, _kit.Events, _kit.Activity, _kit.Clock);

        racing.BeforeEnable = () => _kit.TwoFactors.TryBeginSetupAsync(_alice.Id, "NEWER", default).Wait();
        var lostToSetup = () => enable.Handle(new EnableTwoFactorCommand(Code(setup)), default);
        await lostToSetup.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.NoSetup);

        var current = await Setup();
        racing.BeforeEnable = () =>
        {
            var pending = _kit.TwoFactors.FindAsync(_alice.Id, default).Result!.PendingSecret!;
            _kit.TwoFactors.TryEnableAsync(_alice.Id, pending, 1, ["H"], TestUsers.Epoch, default).Wait();
        };
        var lostToEnable = () => enable.Handle(new EnableTwoFactorCommand(Code(current)), default);
        await lostToEnable.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.AlreadyEnabled);
        _kit.EventNames.Should().NotContain("TwoFactorEnabled");
    }

    [Fact]
    public async Task Regenerate_and_disable_need_the_password_and_only_disable_ends_sessions()
    {
        var setup = await Setup();
        var first = await Enable(Code(setup));
        var stamp = _kit.Users.Stored(_alice.Id)!.SecurityStamp;
        _currentUser.Set(_kit.Users.Stored(_alice.Id)!);
        var regenerate = new RegenerateRecoveryCodesCommandHandler(_currentUser, _kit.TwoFactors, _passwords, _kit.Events);
        var disable = new DisableTwoFactorCommandHandler(_currentUser, _kit.TwoFactors, _passwords, _sessions, _kit.Events, _kit.Activity, _kit.Clock);

        var wrong = () => regenerate.Handle(new RegenerateRecoveryCodesCommand("not " + Password), default);
        (await wrong.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainKey("password");
        var wrongDisable = () => disable.Handle(new DisableTwoFactorCommand("not " + Password), default);
        (await wrongDisable.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainKey("password");
        (await _kit.TwoFactors.FindAsync(_alice.Id, default))!.IsEnabled.Should().BeTrue("a wrong password disables nothing");
        var codes = await regenerate.Handle(new RegenerateRecoveryCodesCommand(Password), default);

        codes.RecoveryCodes.Should().HaveCount(10).And.NotIntersectWith(first.RecoveryCodes);
        _kit.Users.Stored(_alice.Id)!.SecurityStamp.Should().Be(stamp, "regenerating ends no session");

        var pair = await disable.Handle(new DisableTwoFactorCommand(Password), default);
        _kit.Tokens.AuthTimes[^1].Should().Be(_kit.Clock.GetUtcNow(), "the proven password is a sign-in of now (ADR 0047)");
        (await _kit.TwoFactors.FindAsync(_alice.Id, default)).Should().BeNull();
        _kit.Users.Stored(_alice.Id)!.SecurityStamp.Should().NotBe(stamp);
        pair.AccessToken.Should().Be(FakeTokenService.TokenFor(_kit.Users.Stored(_alice.Id)!));
        var twice = () => disable.Handle(new DisableTwoFactorCommand(Password), default);
        await twice.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.NotEnabled);
        var regenerateWhenOff = () => regenerate.Handle(new RegenerateRecoveryCodesCommand(Password), default);
        await regenerateWhenOff.Should().ThrowAsync<TwoFactorStateException>().WithMessage(TwoFactorStateException.NotEnabled);
        _kit.EventNames.Where(n => n.StartsWith("TwoFactor", StringComparison.Ordinal) || n.StartsWith("Recovery", StringComparison.Ordinal))
            .Should().Equal("TwoFactorEnabled", "RecoveryCodesRegenerated", "TwoFactorDisabled");
    }

    [Fact]
    public async Task An_admin_reset_removes_the_second_factor_and_ends_the_users_sessions_once()
    {
        var setup = await Setup();
        await Enable(Code(setup));
        var stamp = _kit.Users.Stored(_alice.Id)!.SecurityStamp;
        var admin = new CurrentUserAccessor();
        admin.Set(TestUsers.New(id: "000000000000000000000fff", email: "root@example.com"));
        var reset = new ResetTwoFactorCommandHandler(admin, _kit.Users, _kit.TwoFactors, _sessions, _kit.Events, _kit.Activity);

        await reset.Handle(new ResetTwoFactorCommand(_alice.Id.Value), default);
        var afterReset = _kit.Users.Stored(_alice.Id)!.SecurityStamp;
        afterReset.Should().NotBe(stamp);
        _kit.EventNames.Should().Contain("TwoFactorReset");
        await reset.Handle(new ResetTwoFactorCommand(_alice.Id.Value), default);
        _kit.Users.Stored(_alice.Id)!.SecurityStamp.Should().Be(afterReset, "nothing to reset: no session ends");
        var unknown = () => reset.Handle(new ResetTwoFactorCommand("000000000000000000000123"), default);

        await unknown.Should().ThrowAsync<NotFoundException>();
        (await _kit.TwoFactors.FindAsync(_alice.Id, default)).Should().BeNull();
        _kit.Users.Stored(_alice.Id)!.SecurityStamp.Should().NotBe(stamp);
        _kit.EventNames.Count(n => n == "TwoFactorReset").Should().Be(1, "a second reset finds nothing to reset");
    }

    [Fact]
    public async Task The_admin_list_and_a_renamed_profile_show_whether_a_second_factor_is_enabled()
    {
        var bob = _kit.Users.Seed(TestUsers.New(id: "000000000000000000000b0b", name: "Bob", email: "bob@example.com"));
        var setup = await Setup();
        await Enable(Code(setup));
        _currentUser.Set(_kit.Users.Stored(_alice.Id)!);

        var page = await new ListUsersQueryHandler(_kit.Users, _kit.TwoFactors).Handle(new ListUsersQuery(null, null, null), default);
        var renamed = await new UpdateProfileCommandHandler(_currentUser, _kit.Users, _kit.TwoFactors, _kit.Clock).Handle(new UpdateProfileCommand("Alice B"), default);

        page.Items.Select(u => (u.Id, u.TwoFactorEnabled)).Should().BeEquivalentTo([(_alice.Id.Value, true), (bob.Id.Value, false)]);
        renamed.TwoFactorEnabled.Should().BeTrue();
    }

    /// <summary>Runs <see cref="BeforeEnable"/> just before the enable's conditional write, as a concurrent request would.</summary>
    private sealed class RacingStore(ITwoFactorStore inner) : ITwoFactorStore
    {
        public Action? BeforeEnable { get; set; }

        public Task<TwoFactorState?> FindAsync(UserId userId, CancellationToken cancellationToken) => inner.FindAsync(userId, cancellationToken);

        public Task<IReadOnlySet<UserId>> EnabledAmongAsync(IReadOnlyCollection<UserId> userIds, CancellationToken cancellationToken) =>
            inner.EnabledAmongAsync(userIds, cancellationToken);

        public Task<bool> TryBeginSetupAsync(UserId userId, string pendingSecret, CancellationToken cancellationToken) =>
            inner.TryBeginSetupAsync(userId, pendingSecret, cancellationToken);

        public Task<bool> TryEnableAsync(
            UserId userId, string pendingSecret, long step, IReadOnlyCollection<string> recoveryCodeHashes, DateTimeOffset now, CancellationToken cancellationToken)
        {
            BeforeEnable?.Invoke();
            return inner.TryEnableAsync(userId, pendingSecret, step, recoveryCodeHashes, now, cancellationToken);
        }

        public Task<bool> TryAcceptStepAsync(UserId userId, long step, CancellationToken cancellationToken) => inner.TryAcceptStepAsync(userId, step, cancellationToken);

        public Task<bool> TrySpendRecoveryCodeAsync(UserId userId, string codeHash, CancellationToken cancellationToken) =>
            inner.TrySpendRecoveryCodeAsync(userId, codeHash, cancellationToken);

        public Task<bool> TryReplaceRecoveryCodesAsync(UserId userId, IReadOnlyCollection<string> codeHashes, CancellationToken cancellationToken) =>
            inner.TryReplaceRecoveryCodesAsync(userId, codeHashes, cancellationToken);

        public Task<bool> RemoveAsync(UserId userId, CancellationToken cancellationToken) => inner.RemoveAsync(userId, cancellationToken);

        public Task<string?> FindSecretWithoutPrefixAsync(IReadOnlyCollection<string> prefixes, CancellationToken cancellationToken) =>
            inner.FindSecretWithoutPrefixAsync(prefixes, cancellationToken);
    }

    private Task<TwoFactorSetup> Setup() =>
        new BeginTwoFactorSetupCommandHandler(_currentUser, _kit.TwoFactors, _kit.Authenticator, _kit.SecondFactor).Handle(new BeginTwoFactorSetupCommand(), default);

    private Task<TwoFactorEnabled> Enable(string code) =>
        new EnableTwoFactorCommandHandler(_currentUser, _caller, _kit.TwoFactors, _kit.SecondFactor, _sessions, _kit.Events, _kit.Activity, _kit.Clock).Handle(new EnableTwoFactorCommand(code), default);

    private string Code(TwoFactorSetup setup, int stepsFromNow = 0) =>
        new Totp(Base32Encoding.ToBytes(setup.SharedKey)).ComputeTotp(_kit.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepsFromNow));
}
